// Synthetic but realistic documents for the benchmark and for tests: a dragent.yaml of any length
// (known keys, nested maps, lists, comments, a Mesos block with a few findings) and a Marathon app JSON
// for the Sysdig agent. Deterministic: the same arguments always give the same text.

export interface Generated {
  text: string;
  /** 0-based positions of single digits inside values, spread over the file, safe to change to another digit */
  editPositions: { line: number; character: number }[];
}

/** A dragent.yaml of exactly `lines` lines (at least 40). */
export function generateDragentYaml(lines: number): Generated {
  const target = Math.max(40, Math.floor(lines));
  const out: string[] = [];
  const edits: { line: number; character: number }[] = [];
  const push = (s: string) => out.push(s);
  /** pushes a line and records the position of the first digit after `marker` as editable */
  const pushEditable = (s: string, marker: string) => {
    const at = s.indexOf(marker);
    const digit = s.slice(at + marker.length).search(/[0-9]/);
    if (at >= 0 && digit >= 0) edits.push({ line: out.length, character: at + marker.length + digit });
    out.push(s);
  };

  push('# Sysdig agent configuration (/opt/draios/etc/dragent.yaml)');
  push('# Generated for benchmarks: known keys, nested maps, lists and comments.');
  push('customerid: 3f2a9c1e-7b4d-4e8f-9a01-5c6d7e8f9a0b');
  push('tags: role:mesos,dc:nyc1,team:platform');
  push('collector: collector.example.com');
  pushEditable('collector_port: 6443', ': ');
  push('ssl: true');
  push('ssl_verify_certificate: true');
  push('');
  push('log:');
  push('  file_priority: info');
  push('  console_priority: warning');
  push('  event_priority: info');
  push('');
  push('# Mesos and Marathon (a few deliberate findings for the rules)');
  push('mesos_state_uri: https://monitor:secret@10.0.0.1:5050');
  push('marathon_uris:');
  push('  - http://[username:password@][hostname][:port]');
  push('mesos_follow_leader: true');
  push('marathon_follow_leadr: true');
  push('mesos_timeout_ms: 10000');
  push('');
  push('watchdog:');
  push('  max_memory_usage_mb: 512');
  push('');
  push('prometheus:');
  push('  enabled: true');
  push('  interval: 10');
  push('  max_metrics: 3000');
  push('  process_filter:');
  push('    - include:');
  push('        port: 9090');
  push('    - exclude:');
  push('        process.name: java');
  push('');

  const footer = ['', '# end of generated configuration'];
  const head = out.length;
  let remaining = target - head - footer.length;

  // Half the rest: app checks (a list of nested maps); the other half: JMX beans per process.
  const appLines = Math.floor(remaining / 2);
  if (appLines >= 10) {
    push('app_checks:');
    remaining--;
    let used = 1;
    for (let i = 0; used + 9 <= appLines; i++) {
      push(`  # check ${i}`);
      push(`  - name: redis-${i}`);
      push('    check_module: redisdb');
      pushEditable(`    interval: ${10 + (i % 50)}`, 'interval: ');
      push('    pattern:');
      push('      comm: redis-server');
      pushEditable(`      port: ${6000 + (i % 3000)}`, 'port: ');
      push('    conf:');
      push('      host: 127.0.0.1');
      used += 9;
      remaining -= 9;
    }
  }
  if (remaining >= 12) {
    push('');
    push('jmx:');
    push('  enabled: true');
    push('  per_process_beans:');
    remaining -= 4;
    for (let i = 0; remaining >= 12; i++) {
      push(`    app${i}:`);
      push(`      pattern: "app-${i}"`);
      push('      beans:');
      push(`        - query: "com.example:type=Pool${i},name=Requests"`);
      push('          attributes:');
      push('            - name: Count');
      push('              type: counter');
      push(`              alias: app${i}.requests.count`);
      push('            - name: Latency');
      pushEditable(`              alias: app${i}.latency.p${50 + (i % 49)}`, '.latency.p');
      push('              unit: ms');
      push('      # one bean per process in this generated file');
      remaining -= 12;
    }
  }
  for (; remaining > 0; remaining--) push(`# padding ${remaining}`);
  out.push(...footer);
  return { text: out.join('\n') + '\n', editPositions: edits };
}

/**
 * A Marathon app JSON for the Sysdig agent, pretty-printed, of exactly `lines` lines (at least 50): extra volumes
 * (5 lines each) and labels (1 line each, and the map's own brace) for long files; for short ones the objects of
 * the arrays (volumes, parameters) are written on one line each, as people often write them.
 */
export function generateMarathonAppJson(lines: number): Generated {
  const target = Math.max(50, Math.floor(lines));
  const app = (volumes: number, labels: number) => ({
    id: '/monitoring/sysdig-agent',
    cpus: 1.0,
    mem: 850.0,
    instances: 12,
    constraints: [['hostname', 'UNIQUE']],
    labels: Object.fromEntries(Array.from({ length: labels }, (_, i) => [`label${i}`, `value-${i}`])),
    env: { TAGS: 'role:mesos,dc:nyc1' },
    container: {
      type: 'DOCKER',
      docker: {
        image: 'sysdig/agent',
        forcePullImage: true,
        network: 'HOST',
        privileged: true,
        parameters: [
          { key: 'pid', value: 'host' },
          { key: 'env', value: 'ACCESS_KEY=YOUR-ACCESS-KEY-HERE' },
          { key: 'env', value: 'COLLECTOR=collector.example.com' },
          { key: 'shm-size', value: '350m' },
        ],
      },
      volumes: [
        { containerPath: '/host/var/run/docker.sock', hostPath: '/var/run/docker.sock', mode: 'RW' },
        { containerPath: '/host/dev', hostPath: '/dev', mode: 'RW' },
        { containerPath: '/host/proc', hostPath: '/proc', mode: 'RO' },
        { containerPath: '/host/boot', hostPath: '/boot', mode: 'RO' },
        { containerPath: '/host/lib/modules', hostPath: '/lib/modules', mode: 'RO' },
        { containerPath: '/host/usr', hostPath: '/usr', mode: 'RO' },
        ...Array.from({ length: volumes }, (_, i) => ({ containerPath: `/data/vol${1000 + i}`, hostPath: `/srv/data/vol${1000 + i}`, mode: 'RO' })),
      ],
    },
    healthChecks: [{ protocol: 'COMMAND', command: { value: 'pgrep dragent' }, gracePeriodSeconds: 300, intervalSeconds: 60, maxConsecutiveFailures: 3 }],
    upgradeStrategy: { minimumHealthCapacity: 0, maximumOverCapacity: 0 },
  });
  const render = (volumes: number, labels: number, collapse: number) => collapseObjects(JSON.stringify(app(volumes, labels), null, 2), collapse) + '\n';
  const count = (t: string) => t.split('\n').length - 1;
  let text = '';
  search: for (let collapse = 0; collapse <= 12; collapse++) {
    const base = count(render(0, 0, collapse));
    if (base > target) continue;
    // labels add n + 1 lines (the map opens and closes on lines of its own), volumes 5 (or 1 when collapsed)
    const extra = target - base;
    const volumes = Math.floor(extra / 5);
    for (const v of [volumes, volumes - 1]) {
      if (v < 0) continue;
      for (const l of [0, extra - v * 5 - 1]) {
        if (l < 0) continue;
        const t = render(v, l, collapse);
        if (count(t) === target) {
          text = t;
          break search;
        }
      }
    }
  }
  if (!text) throw new Error(`no Marathon app of exactly ${target} lines`);
  const edits: { line: number; character: number }[] = [];
  text.split('\n').forEach((l, i) => {
    // the last digit of a volume's number, or of the app's instances and health-check timings
    const m = /"hostPath": "\/srv\/data\/vol(\d)/.exec(l) ?? /"(?:instances|gracePeriodSeconds|intervalSeconds)": \d*(\d)/.exec(l);
    if (m) edits.push({ line: i, character: m.index + m[0].length - 1 });
  });
  return { text, editPositions: edits };
}

/** writes the first `n` flat objects inside arrays (no nested braces, on lines of their own) on one line each */
function collapseObjects(pretty: string, n: number): string {
  const lines = pretty.split('\n');
  for (let done = 0, i = 0; done < n && i < lines.length; i++) {
    const open = /^(\s+)\{$/.exec(lines[i]);
    if (!open) continue;
    const close = lines.findIndex((l, j) => j > i && /^\s+\},?$/.test(l) && l.trimStart().length <= 2 && l.indexOf('}') === open[1].length);
    if (close < 0 || lines.slice(i + 1, close).some((l) => /[{}[\]]/.test(l))) continue;
    const body = lines.slice(i + 1, close).map((l) => l.trim()).join(' ');
    lines.splice(i, close - i + 1, `${open[1]}{ ${body} }${lines[close].trim().endsWith(',') ? ',' : ''}`);
    done++;
  }
  return lines.join('\n');
}

/** The middle editable position (a value deep in the file, so incremental sync has work to do). */
export function middleEdit(g: Generated): { line: number; character: number } {
  if (g.editPositions.length === 0) throw new Error('no editable position');
  return g.editPositions[Math.floor(g.editPositions.length / 2)];
}
