import { getProp } from '../../documents/model';
import type { Rule } from '../rule';
import { asArray, asObject, present, rootObject, stringValue } from './util';

const MESSAGE = "AppDefinition must either contain one of 'cmd' or 'args', and/or a 'container'.";

export const marathonCmdArgs: Rule = {
  id: 'marathon-cmd-args',
  kinds: ['marathon-app'],
  severity: 'error',
  title: "Both or neither of 'cmd' and 'args', or an empty container",
  docs:
    "An app runs either a shell command (`cmd`) or an argument vector (`args`), never both; with a `container` it may also have neither and run the image's own entrypoint. Marathon refuses both together, and neither without a container, with `422 Object is not valid` and the message \"" +
    MESSAGE +
    "\" (even Marathon's own \"all fields\" documentation example sets both and is refused). An empty `args` array counts as absent. A `container` that is Docker-typed (the default when `type` is left out) but has no `docker` object, such as `\"container\": {}`, is refused as well: Marathon 1.4.0 answered `500 docker must not be empty` (issue #4978), later versions 422. No quick fix: which of the two to keep is the author's decision.",
  check({ doc, report }) {
    const root = rootObject(doc);
    if (!root) return;
    const cmdP = getProp(root, 'cmd');
    const argsP = getProp(root, 'args');
    const containerP = getProp(root, 'container');
    const hasCmd = present(cmdP);
    const argsArr = asArray(argsP?.value);
    const hasArgs = present(argsP) && !(argsArr && argsArr.items.length === 0);
    const hasContainer = present(containerP);
    if (hasCmd && hasArgs) {
      const later = cmdP!.range.start > argsP!.range.start ? cmdP! : argsP!;
      report({
        start: later.keyRange.start,
        end: later.keyRange.end,
        message: `"cmd" and "args" are both set: Marathon refuses the app (422 "${MESSAGE}"). Keep only one of them.`,
      });
    } else if (!hasCmd && !hasArgs && !hasContainer) {
      const idP = getProp(root, 'id');
      const r = idP ? idP.keyRange : { start: root.range.start, end: root.range.start + 1 };
      report({
        start: r.start,
        end: r.end,
        message: `The app has no "cmd", no "args" and no "container": Marathon refuses it (422 "${MESSAGE}"). Add a command or a container image.`,
      });
    }
    const container = asObject(containerP?.value);
    if (containerP && container) {
      const type = stringValue(getProp(container, 'type')?.value);
      const dockerTyped = type === undefined || type === 'DOCKER';
      if (dockerTyped && !present(getProp(container, 'docker'))) {
        report({
          start: containerP.keyRange.start,
          end: containerP.keyRange.end,
          message:
            container.props.length === 0
              ? 'An empty "container" is a Docker container without an image: Marathon refuses it ("docker must not be empty"; 500 in 1.4.0, 422 later). Remove it or add "docker": {"image": …}.'
              : `This container is Docker-typed${type === undefined ? ' (the default when "type" is left out)' : ''} but has no "docker" object: Marathon refuses it ("docker must not be empty"). Add "docker": {"image": …} or set "type": "MESOS".`,
        });
      }
    }
  },
};
