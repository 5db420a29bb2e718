"""Drives a Marathon (our fake, in test/cluster/contract/python-marathon.test.ts) with Debian's python3-marathon
client and prints what each call gave as one JSON document on stdout.

Usage: marathon_contract.py URL APP_JSON_FILE
The cluster is expected to have 4 agents and a deployment clock that moves one tick per GET /v2/deployments,
so that waiting is polling. Each step records either the client's value (reduced to what the test compares)
or the exception it raised (class, HTTP status, Marathon's message)."""

import copy
import json
import sys

import requests
from marathon import MarathonClient, MarathonApp
from marathon.exceptions import MarathonHttpError

url, app_file = sys.argv[1], sys.argv[2]
client = MarathonClient(url, timeout=10)
raw = requests.Session()
results = []


def step(name, fn):
    try:
        value = fn()
        results.append({"step": name, "ok": True, "value": value})
        return value
    except MarathonHttpError as e:
        results.append({"step": name, "ok": False, "error": type(e).__name__, "status": e.status_code, "message": e.error_message})
    except Exception as e:  # noqa: BLE001 — the client's own failures (e.g. parsing) are results too
        results.append({"step": name, "ok": False, "error": type(e).__name__, "message": str(e)})
    return None


def deployments_raw():
    return raw.get(url + "/v2/deployments", headers={"Accept": "application/json"}).json()


def wait_idle(max_polls=60):
    """Polls /v2/deployments (each poll is a tick of the fake) until none is left; returns the polls it took."""
    for n in range(1, max_polls + 1):
        if deployments_raw() == []:
            return n
    return None


def app_state(app_id="sysdig-agent"):
    a = client.get_app(app_id, embed_tasks=True)
    return {
        "version": a.version,
        "lastConfigChangeAt": a.version_info.last_config_change_at,
        "instances": a.instances,
        "running": a.tasks_running,
        "tasks": sorted(t.id for t in a.tasks),
        "taskVersions": sorted({t.version for t in a.tasks}),
        "labels": a.labels,
    }


with open(app_file, encoding="utf-8") as f:
    definition = json.load(f)
definition["instances"] = 3
# the guide's app has no upgradeStrategy, so Marathon's default (1, 1) applies: the deadlock scenario below needs it
definition.pop("upgradeStrategy", None)
KILL_FIRST = {"minimumHealthCapacity": 0, "maximumOverCapacity": 0}


def app(**changes):
    d = copy.deepcopy(definition)
    d.update(changes)
    return MarathonApp.from_json(d)


step("ping", lambda: client.ping().decode())
step("info", lambda: (lambda i: {"name": i.name, "version": i.version, "leader": i.leader})(client.get_info()))
step("leader", client.get_leader)
step("list_apps empty", lambda: [a.id for a in client.list_apps()])
step("create", lambda: (lambda a: {"id": a.id, "instances": a.instances, "deployments": len(a.deployments), "tasks": a.tasks})(client.create_app("sysdig-agent", app())))
step("create again", lambda: client.create_app("sysdig-agent", app()) and "created")
step("get_app", lambda: (lambda a: {"id": a.id, "instances": a.instances, "deployments": len(a.deployments)})(client.get_app("sysdig-agent")))
step("list_apps", lambda: [a.id for a in client.list_apps()])
step("list_deployments", lambda: [{"apps": d.affected_apps, "steps": [[x.action for x in s.actions] for s in d.steps]} for d in client.list_deployments()])
labelled = dict(definition["labels"], tier="ops")
step("update while deploying", lambda: client.update_app("sysdig-agent", app(labels=labelled)))
forced = step("update force", lambda: client.update_app("sysdig-agent", app(labels=labelled), force=True))
step("update force answer", lambda: sorted(forced.keys()) if forced else None)
step("wait after update", wait_idle)
before = step("state after update", app_state)
noop = step("update unchanged", lambda: client.update_app("sysdig-agent", app(labels=labelled)))
step("deployments after unchanged update", lambda: deployments_raw())
after = step("state after unchanged update", app_state)
step("unchanged update moved nothing", lambda: {
    "answerVersionIsNew": noop["version"] != before["version"],
    "appVersionKept": after["version"] == before["version"],
    "tasksKept": after["tasks"] == before["tasks"],
})
step("scale to 2", lambda: sorted(client.scale_app("sysdig-agent", instances=2).keys()))
step("wait after scale", wait_idle)
scaled = step("state after scale", app_state)
step("scale kept config and tasks", lambda: {
    "instances": scaled["instances"],
    "running": scaled["running"],
    "configKept": scaled["lastConfigChangeAt"] == before["lastConfigChangeAt"],
    "versionMoved": scaled["version"] != before["version"],
    "tasksKept": set(scaled["tasks"]) <= set(before["tasks"]),
})
step("queue idle", lambda: [q.app.id for q in client.list_queue()])
step("scale to 4", lambda: sorted(client.scale_app("sysdig-agent", instances=4).keys()))
step("wait after scale to 4", wait_idle)
image = copy.deepcopy(definition["container"])
image["docker"]["image"] = "sysdig/agent:0.99"
upgrade = step("upgrade image (UNIQUE, 4 instances on 4 agents)", lambda: client.update_app("sysdig-agent", app(instances=4, container=image)))
step("upgrade never finishes", lambda: wait_idle(max_polls=10))


def queue_summary():
    out = []
    for q in client.list_queue(embed_last_unused_offers=True):
        s = q.processed_offers_summary or {}
        out.append({
            "app": q.app.id,
            "count": q.count,
            "declined": {r["reason"]: r["declined"] for r in s.get("rejectSummaryLastOffers", []) if r["declined"]},
            "lastUnusedReasons": sorted({r for o in (q.last_unused_offers or []) for r in o["reason"]}),
        })
    return out


step("queue stuck", queue_summary)
step("list_deployments stuck", lambda: [[a.action for a in d.current_actions] for d in client.list_deployments()])
rollback = step("delete_deployment (rollback)", lambda: client.delete_deployment(upgrade["deploymentId"]))
step("rollback answer", lambda: sorted(rollback.keys()) if rollback else None)
step("rollback is stuck too", lambda: wait_idle(max_polls=10))
step("delete_deployment force", lambda: client.delete_deployment(rollback["deploymentId"], force=True))
step("deployments after force", deployments_raw)
step("state after force", lambda: (lambda s: {"running": s["running"], "taskVersions": len(s["taskVersions"])})(app_state()))
step("kill-first upgrade", lambda: sorted(client.update_app("sysdig-agent", app(instances=4, container=image, upgradeStrategy=KILL_FIRST)).keys()))
step("kill-first upgrade finishes", lambda: wait_idle(max_polls=20) is not None)
step("state after kill-first upgrade", lambda: (lambda a: {"running": a["tasksRunning"], "allAtNewConfig": all(t["version"] == a["versionInfo"]["lastConfigChangeAt"] for t in a["tasks"])})(raw.get(url + "/v2/apps/sysdig-agent").json()["app"]))
step("delete_deployment unknown", lambda: client.delete_deployment("00000000-0000-0000-0000-000000000000"))
step("upgrade again with force=True (python sends ?force=True)", lambda: sorted(client.update_app("sysdig-agent", app(instances=4, container=image, upgradeStrategy=KILL_FIRST, labels={"x": "y"}), force=True).keys()))
created = raw.put(url + "/v2/apps/other-agent", data=json.dumps({"cmd": "sleep 1", "instances": 1}), headers={"Content-Type": "application/json"})
step("PUT creating", lambda: {"status": created.status_code, "location": created.headers.get("Location"), "keys": sorted(created.json().keys())})
odd = raw.post(url + "/v2/apps", data=json.dumps({"id": "odd", "cmd": "sleep 1", "command": "x", "cpu": 2}), headers={"Content-Type": "application/json"})
step("unknown fields dropped", lambda: {"status": odd.status_code, "kept": [k for k in ("command", "cpu") if k in raw.get(url + "/v2/apps/odd").json()["app"]]})
step("delete_app while deploying", lambda: client.delete_app("sysdig-agent"))
step("delete_app force", lambda: sorted(client.delete_app("sysdig-agent", force=True).keys()))
step("get_app after delete", lambda: client.get_app("sysdig-agent").id)
step("list_apps after delete", lambda: sorted(a.id for a in client.list_apps()))

json.dump(results, sys.stdout, indent=1, default=str)
