import { ruleTester } from '../helpers/rule-tester';
import { AGENT_APP, agentApp, at, edit } from '../corpus/marathon-fixtures';

const PROC = '        {\n          "containerPath": "/host/proc",\n          "hostPath": "/proc",\n          "mode": "RO"\n        },\n';
const noProc = agentApp(PROC, '');
const sockRO = agentApp('"hostPath": "/var/run/docker.sock",\n          "mode": "RW"', '"hostPath": "/var/run/docker.sock",\n          "mode": "RO"');
const procRW = agentApp('"hostPath": "/proc",\n          "mode": "RO"', '"hostPath": "/proc",\n          "mode": "RW"');
const procPath = agentApp('"containerPath": "/host/proc"', '"containerPath": "/proc"');
const procRX = agentApp('"hostPath": "/proc",\n          "mode": "RO"', '"hostPath": "/proc",\n          "mode": "RX"');
const procLower = agentApp('"hostPath": "/proc",\n          "mode": "RO"', '"hostPath": "/proc",\n          "mode": "ro"');
const bootNoMode = agentApp('"hostPath": "/boot",\n          "mode": "RO"', '"hostPath": "/boot"');
const noVolumes = AGENT_APP.replace(/,\n    "volumes": \[[\s\S]*\n      \]/, '');

const SIX = `,
    "volumes": [
      {
        "containerPath": "/host/var/run/docker.sock",
        "hostPath": "/var/run/docker.sock",
        "mode": "RW"
      },
      {
        "containerPath": "/host/dev",
        "hostPath": "/dev",
        "mode": "RW"
      },
      {
        "containerPath": "/host/proc",
        "hostPath": "/proc",
        "mode": "RO"
      },
      {
        "containerPath": "/host/boot",
        "hostPath": "/boot",
        "mode": "RO"
      },
      {
        "containerPath": "/host/lib/modules",
        "hostPath": "/lib/modules",
        "mode": "RO"
      },
      {
        "containerPath": "/host/usr",
        "hostPath": "/usr",
        "mode": "RO"
      }
    ]`;

ruleTester('agent-app-volumes', 'marathon-app', {
  valid: [
    AGENT_APP,
    // a trailing slash in a host path is the same path
    agentApp('"hostPath": "/usr"', '"hostPath": "/usr/"'),
    '{"id": "web", "container": {"docker": {"image": "nginx"}}}',
  ],
  invalid: [
    {
      name: 'one volume missing: added after the last one with the same indentation',
      text: noProc,
      findings: [{ ...at(noProc, '"volumes"'), severity: 'warning', message: '/proc (RO' }],
      output: edit(noProc, '          "mode": "RO"\n        }\n      ]', '          "mode": "RO"\n        },\n' + PROC.slice(0, -2) + '\n      ]'),
    },
    {
      name: 'docker.sock read-only',
      text: sockRO,
      findings: [{ ...at(sockRO, '"RO"'), severity: 'warning', message: 'read-write' }],
      output: AGENT_APP,
    },
    {
      name: '/proc read-write',
      text: procRW,
      findings: [{ ...at(procRW, '"RW"', 2), message: 'read-only' }],
      output: AGENT_APP,
    },
    {
      // issue 11 §12: Marathon refuses any mode but RO and RW (Volume.Mode enum in 1.4, RAML ReadMode from 1.5),
      // so this is an error, the schema rule's verdict too
      name: '/proc mode "RX": Marathon refuses it',
      text: procRX,
      findings: [{ ...at(procRX, '"RX"'), severity: 'error', message: 'Marathon refuses volume mode "RX"' }],
      output: AGENT_APP,
    },
    {
      name: 'mode in lower case: refused too (the enum is case-sensitive)',
      text: procLower,
      findings: [{ ...at(procLower, '"ro"'), severity: 'error', message: 'accepts only "RO" and "RW"' }],
      output: AGENT_APP,
    },
    {
      name: 'containerPath not under /host',
      text: procPath,
      findings: [{ ...at(procPath, '"/proc"'), message: 'at /host/proc' }],
      output: AGENT_APP,
    },
    {
      name: 'mode missing: reported at the host path, added as the last member',
      text: bootNoMode,
      findings: [{ ...at(bootNoMode, '"/boot"'), message: 'no "mode"' }],
      output: AGENT_APP,
    },
    {
      name: 'no volumes at all: reported at "container", all six added',
      text: noVolumes,
      findings: [{ ...at(noVolumes, '"container"'), message: '/var/run/docker.sock (RW' }],
      output: edit(noVolumes, '      ]\n    }\n  }\n}\n', '      ]\n    }' + SIX + '\n  }\n}\n'),
    },
  ],
});
