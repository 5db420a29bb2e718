import { getProp, resolve, type MNode, type MObject } from '../../documents/model';
import { asArray } from './util';

/** A numeric field of the app definition and the range Marathon accepts for it. */
export interface NumericField {
  /** keys and `*` for every array item */
  path: readonly string[];
  integer: boolean;
  min?: number;
  max?: number;
}

const PORT = { integer: true, min: 0, max: 65535 } as const;
const COUNT = { integer: true, min: 0 } as const;
const AMOUNT = { integer: false, min: 0 } as const;

export const NUMERIC_FIELDS: readonly NumericField[] = [
  { path: ['instances'], ...COUNT },
  { path: ['cpus'], ...AMOUNT },
  { path: ['mem'], ...AMOUNT },
  { path: ['disk'], ...AMOUNT },
  { path: ['gpus'], ...COUNT },
  { path: ['backoffSeconds'], ...COUNT },
  { path: ['backoffFactor'], integer: false, min: 0 },
  { path: ['maxLaunchDelaySeconds'], ...COUNT },
  { path: ['taskKillGracePeriodSeconds'], ...COUNT },
  { path: ['upgradeStrategy', 'minimumHealthCapacity'], integer: false, min: 0, max: 1 },
  { path: ['upgradeStrategy', 'maximumOverCapacity'], integer: false, min: 0, max: 1 },
  { path: ['healthChecks', '*', 'portIndex'], ...COUNT },
  { path: ['healthChecks', '*', 'port'], ...PORT },
  { path: ['healthChecks', '*', 'gracePeriodSeconds'], ...COUNT },
  { path: ['healthChecks', '*', 'intervalSeconds'], ...COUNT },
  { path: ['healthChecks', '*', 'timeoutSeconds'], ...COUNT },
  { path: ['healthChecks', '*', 'maxConsecutiveFailures'], ...COUNT },
  { path: ['healthChecks', '*', 'delaySeconds'], ...COUNT },
  { path: ['readinessChecks', '*', 'intervalSeconds'], ...COUNT },
  { path: ['readinessChecks', '*', 'timeoutSeconds'], ...COUNT },
  { path: ['readinessChecks', '*', 'httpStatusCodesForReady', '*'], integer: true, min: 100, max: 999 },
  { path: ['ports', '*'], ...PORT },
  { path: ['portDefinitions', '*', 'port'], ...PORT },
  { path: ['container', 'portMappings', '*', 'containerPort'], ...PORT },
  { path: ['container', 'portMappings', '*', 'hostPort'], ...PORT },
  { path: ['container', 'portMappings', '*', 'servicePort'], ...PORT },
  { path: ['container', 'docker', 'portMappings', '*', 'containerPort'], ...PORT },
  { path: ['container', 'docker', 'portMappings', '*', 'hostPort'], ...PORT },
  { path: ['container', 'docker', 'portMappings', '*', 'servicePort'], ...PORT },
  { path: ['container', 'volumes', '*', 'persistent', 'size'], ...COUNT },
  { path: ['container', 'volumes', '*', 'persistent', 'maxSize'], ...COUNT },
  { path: ['container', 'volumes', '*', 'external', 'size'], ...COUNT },
  { path: ['residency', 'relaunchEscalationTimeoutSeconds'], ...COUNT },
  { path: ['unreachableStrategy', 'inactiveAfterSeconds'], ...COUNT },
  { path: ['unreachableStrategy', 'expungeAfterSeconds'], ...COUNT },
  { path: ['executorResources', 'cpus'], ...AMOUNT },
  { path: ['executorResources', 'mem'], ...AMOUNT },
  { path: ['executorResources', 'disk'], ...AMOUNT },
];

export interface NumericValue {
  field: NumericField;
  node: MNode;
  /** concrete path with array indices, e.g. ['healthChecks', 0, 'portIndex'] */
  path: (string | number)[];
}

/** Every value present at a numeric field's path, in document order. */
export function numericValues(root: MObject): NumericValue[] {
  const out: NumericValue[] = [];
  for (const field of NUMERIC_FIELDS) visit(root, field, 0, []);
  return out.sort((a, b) => a.node.range.start - b.node.range.start);

  function visit(node: MNode | null, field: NumericField, i: number, path: (string | number)[]): void {
    if (!node) return;
    if (i === field.path.length) {
      out.push({ field, node, path });
      return;
    }
    const seg = field.path[i];
    if (seg === '*') {
      asArray(node)?.items.forEach((item, k) => visit(item, field, i + 1, [...path, k]));
      return;
    }
    const r = resolve(node);
    if (!r || r.type !== 'object') return;
    const p = getProp(r, seg);
    if (p) visit(p.value, field, i + 1, [...path, seg]);
  }
}
