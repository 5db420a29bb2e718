import { getProp, type MObject, type MProp, type ParsedDocument } from '../../documents/model';
import type { Rule } from '../rule';
import type { Fix, Span, TextEdit } from '../../types';
import { agentApp, oneTaskPerHost, type AgentApp } from './agent';
import { asArray, asObject, asScalar, blockJson, eolOf, indentUnit, inlineJson, insertMember, insertMembers, lineIndent, present } from './util';

/**
 * How many old tasks Marathon stops before it starts any new one when it replaces an app whose `instances` tasks
 * all run: `running − ceil(instances × minimumHealthCapacity)`, floored at 0. This is
 * `TaskReplaceActor.computeRestartStrategy` (mesosphere/marathon v1.4.13
 * src/main/scala/mesosphere/marathon/upgrade/TaskReplaceActor.scala, `minHealthy` and `nrToKillImmediately`; the
 * same formula in v0.15.7 at that path and in v1.5.0 … v1.10.26 and master 90619da70 at
 * src/main/scala/mesosphere/marathon/core/deployment/impl/TaskReplaceActor.scala, where `running` counts the
 * healthy tasks). Every further old task is stopped only when a
 * new one has become healthy and ready (`instanceConditionChanged` → `killNextOldInstance`). JavaScript numbers are
 * the same IEEE doubles as Scala's `Int * Double` and `.ceil`, so `0.7 × 3` rounds up to 3 here as it does there.
 * `maximumOverCapacity` only bounds how many new tasks are queued (`maxCapacity = floor(instances × (1 + moc))`, one
 * more when that equals `minHealthy`): a queued task still needs a node, so it never unblocks the replacement.
 */
export function oldTasksStoppedFirst(instances: number, minimumHealthCapacity: number): number {
  return Math.max(0, instances - Math.ceil(instances * minimumHealthCapacity));
}

const KILL_FIRST = { minimumHealthCapacity: 0, maximumOverCapacity: 0 };

/**
 * The replacement of a one-task-per-node agent app cannot start while every node runs an old agent and
 * `oldTasksStoppedFirst` is 0: a new agent needs a node, and no old agent stops until a new one is healthy.
 *
 * Placement, from the source: Constraints.scala (v1.4.13 src/main/scala/mesosphere/mesos/Constraints.scala) refuses
 * a host that already has a task for UNIQUE and for MAX_PER 1, and accepts one for GROUP_BY when every host has the
 * same count, so only the first two pin one task per node. Before Marathon 1.1 every task of the app counted, so the
 * deployment never finished (issues #689, #1133, #1425). From 1.1 (commit 3bf03f86d, "Fixes #3624") ResourceMatcher
 * ignores tasks older than the app's last configuration change (v1.4.13 src/main/scala/mesosphere/mesos/
 * ResourceMatcher.scala `meetsAllConstraints`, same in v1.10.26): a changed app may then start its new agent beside
 * the old one, but only on a node with spare CPU, memory and a port for a second agent; a restart keeps
 * `lastConfigChangeAt` (v1.4.13 upgrade/GroupVersioningUtil.scala `withScaleOrRestartChange`), so its old tasks
 * still count and it never finishes, up to v1.10.26 (master changed that in MARATHON-8771). Defaults:
 * UpgradeStrategy.empty = (1, 1), a missing member of a given object also reads as 1 (v1.4.13
 * api/v2/json/Formats.scala `UpgradeStrategyReads`); apps with residency or external volumes default to (0.5, 0)
 * and relaunch in place on their reservations, a different path this rule does not model.
 */
export const agentAppUpgradeStrategy: Rule = {
  id: 'agent-app-upgrade-strategy',
  kinds: ['marathon-app'],
  severity: 'warning',
  title: 'Sysdig agent app whose update cannot start while every node runs an agent',
  fixable: true,
  docs:
    'The agent app runs one task per node (`["hostname", "UNIQUE"]` or `["hostname", "MAX_PER", "1"]`), usually on every node. To update it, Marathon first stops `instances − ceil(instances × minimumHealthCapacity)` old agents, starts new ones, and stops each further old agent only once a new one is healthy. With the default `upgradeStrategy` (`minimumHealthCapacity` 1, `maximumOverCapacity` 1) it stops none first, so the new agents need nodes that are all taken. Marathon before 1.1 never finishes such a deployment; from 1.1 a changed app goes on only where a node has spare CPU, memory and a port for a second agent beside the old one, and a restart of an unchanged app still never finishes (up to 1.10). The update can start whenever `ceil(instances × minimumHealthCapacity) < instances`: `0.5` works from 2 instances, with 1 instance only `0` does; `maximumOverCapacity` makes no difference. The rule cannot know how many nodes there are: it assumes every node runs one agent (with fewer instances than nodes, the new agents start on the free nodes first). Apps with persistent volumes or `residency` (other defaults, relaunched in place) are not checked. Only checked for `sysdig/agent` apps. The quick fix sets `"upgradeStrategy": {"minimumHealthCapacity": 0, "maximumOverCapacity": 0}`, adding the object or editing only those two values: Marathon stops every old agent at once and starts a new one as each old one is gone, never more than `instances` agents at a time. The trade-off is a gap in monitoring on each node from the stop of its old agent until its new agent runs (image pull and start), on all nodes at the same time; a value such as `0.5` replaces the agents in batches instead, leaving at most half of the nodes without an agent at a time. Because of that trade-off the quick fix is offered on its own and is not part of "fix all".',
  // Hover on upgradeStrategy and its two members explains the arithmetic in a one-per-node agent app, also when
  // the values are right (the fixed example's 0/0 looks alarming without the reason).
  explains(doc, path) {
    if (path[0] !== 'upgradeStrategy' || path.length > 2) return false;
    const app = agentApp(doc);
    return !!app && !!oneTaskPerHost(app);
  },
  check({ doc, report }) {
    const app = agentApp(doc);
    if (!app) return;
    const pin = oneTaskPerHost(app);
    if (!pin || isResident(app)) return;

    // instances: absent means 1; a placeholder or other non-number leaves it unknown; 0 has nothing to replace, and
    // a negative or fractional count is refused by Marathon (marathon-number reports it).
    const instP = getProp(app.root, 'instances');
    let instances: number | undefined = 1;
    if (instP) {
      const v = asScalar(instP.value)?.value;
      if (typeof v === 'number') {
        if (!Number.isInteger(v) || v < 1) return;
        instances = v;
      } else instances = undefined;
    }

    const usP = getProp(app.root, 'upgradeStrategy');
    const us = asObject(usP?.value);
    // Another type than an object or null: Marathon refuses the app and the schema rule says so.
    if (usP && present(usP) && !us) return;
    const mhcP = us ? getProp(us, 'minimumHealthCapacity') : undefined;
    let mhc = 1;
    if (mhcP && present(mhcP)) {
      const v = asScalar(mhcP.value)?.value;
      // Out of range or not a number: Marathon refuses the app (marathon-number, marathon-number-as-string).
      if (typeof v !== 'number' || v < 0 || v > 1) return;
      mhc = v;
    }

    // With an unknown count only minimumHealthCapacity 1 stops nothing first for every count; below 1 a large enough
    // count stops at least one, so the rule stays silent rather than guess.
    const stuck = instances === undefined ? mhc >= 1 : oldTasksStoppedFirst(instances, mhc) === 0;
    if (!stuck) return;

    const n = instances === undefined ? 'instances' : String(instances);
    const kept = instances === undefined ? 'all' : `ceil(${n} × ${mhc}) = ${Math.ceil(instances * mhc)} of ${n}`;
    const source = mhcP && present(mhcP) ? `"minimumHealthCapacity": ${asScalar(mhcP.value)!.text}` : 'the default minimumHealthCapacity 1';
    const where: Span = mhcP && present(mhcP) && mhcP.value ? mhcP.value.range : usP ? usP.keyRange : pin.range;
    report({
      start: where.start,
      end: where.end,
      message:
        `With ${source}, Marathon keeps ${kept} old agents running until new ones are healthy, and the one-per-node constraint leaves a new agent no node when every node runs one: ` +
        'the update never finishes (from Marathon 1.1 a changed app goes on only where a node has room for a second agent). Let Marathon stop old agents first ("minimumHealthCapacity": 0).',
      fixes: killFirstFix(doc, app, usP, us),
    });
  },
};

/** Persistent or external volumes, or `residency`: Marathon's resident-app path, with its own defaults. */
function isResident(app: AgentApp): boolean {
  if (present(getProp(app.root, 'residency'))) return true;
  for (const v of asArray(getProp(app.container, 'volumes')?.value)?.items ?? []) {
    const o = asObject(v);
    if (o && (present(getProp(o, 'persistent')) || present(getProp(o, 'external')))) return true;
  }
  return false;
}

/** The quick fix; none when a member is cut short (`"key":` with no value), which is a syntax error to fix first. */
function killFirstFix(doc: ParsedDocument, app: AgentApp, usP: MProp | undefined, us: MObject | null): Fix[] {
  const title = 'Stop old agents first: "upgradeStrategy": {"minimumHealthCapacity": 0, "maximumOverCapacity": 0}';
  const edits: TextEdit[] = [];
  if (!usP) {
    edits.push(insertMember(doc, app.root, 'upgradeStrategy', KILL_FIRST));
  } else if (!us) {
    // "upgradeStrategy": null reads as the defaults: replace the null, laid out like the app's own members.
    if (!usP.value) return [];
    const first = app.root.props[0];
    const oneLine = !/[\r\n]/.test(doc.text.slice(app.root.range.start, first.keyRange.start));
    const newText = oneLine ? inlineJson(KILL_FIRST) : blockJson(KILL_FIRST, lineIndent(doc.text, usP.keyRange.start), indentUnit(doc.text), eolOf(doc.text), 1);
    edits.push({ start: usP.value.range.start, end: usP.value.range.end, newText });
  } else {
    // Edit only the two values; the missing ones are added after the object's last member.
    const missing: [string, unknown][] = [];
    for (const key of ['minimumHealthCapacity', 'maximumOverCapacity'] as const) {
      const p = getProp(us, key);
      if (!p) missing.push([key, 0]);
      else if (!p.value) return [];
      else if (asScalar(p.value)?.value !== 0) edits.push({ start: p.value.range.start, end: p.value.range.end, newText: '0' });
    }
    if (missing.length) edits.push(insertMembers(doc, us, missing));
  }
  // Not preferred, so "fix all" (and fix-on-save) leaves it out: the trade-off (every node unmonitored at once
  // during an update) is the operator's to accept, not a side effect of tidying quotes.
  return [{ title, edits }];
}
