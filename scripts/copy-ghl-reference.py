#!/usr/bin/env python3
"""Writes the reduced copy of GHL's reference data that the tests read (src/test/resources/ghl/).

    python3 scripts/copy-ghl-reference.py [SOURCE_DIR] [--out DIR] [--check]

SOURCE_DIR is a staged copy of GHL's reference data laid out like ../shared/ghl (openapi/apps/*.json,
openapi/common/common-schemas.json, webhook-events/*.json and SOURCE.txt naming the upstream commit); it defaults
to ../shared/ghl next to the repository root. Only this script reads it: the build and the tests read the output.

What is kept:
- OpenAPI: the operations ghl-sync sends or its GHL simulator serves (OPERATIONS below; keep it in step with
  src/main/java/io/ghlsync/ghl/GhlOperations.java, oauth/GhlOAuthClient.java and simulator/Routes.java), with their
  path-level parameters, parameters, request bodies, responses and security, the security schemes those name and
  every schema they reference, transitively, including the ones in common/common-schemas.json. Enums, examples,
  defaults and all other schema keywords are copied as they are. Prose is dropped: description, summary, title
  (schemas), externalDocs, tags and x-tagGroups, except the description of a Response Object, which OpenAPI 3.0
  requires. GHL's spec defects in the kept operations stay as they are (swagger-request-validator still needs the
  workaround in src/test/java/io/ghlsync/support/GhlOpenApi.java).
- Webhook events: every *.example*.json, byte for byte (WebhookIntakeTest posts each one as a signed raw body).
  The *.schema.json files are not copied: no test reads them.

Output is deterministic: source key order, two-space indent, UTF-8, one trailing newline, no timestamps. Files in
the output directory that the script did not write are deleted. --check writes nothing and exits 1 when the output
directory differs from what the script would write.
"""

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SCRIPT = "scripts/copy-ghl-reference.py"

# Spec file (relative to openapi/) -> (path, method) pairs kept, in no particular order (output keeps source order).
OPERATIONS = {
    "apps/contacts.json": [
        ("/contacts/upsert", "post"),                # GhlOperations.upsertContact
        ("/contacts/search/duplicate", "get"),       # simulator
        ("/contacts/", "post"),                      # simulator (create-contact)
        ("/contacts/{contactId}", "get"),            # simulator
        ("/contacts/{contactId}", "put"),            # GhlOperations.updateContactCustomFields
        ("/contacts/{contactId}/tags", "post"),      # GhlOperations.addTags
        ("/contacts/{contactId}/tags", "delete"),    # GhlOperations.removeTags
        ("/contacts/{contactId}/notes", "post"),     # GhlOperations.addNote
        ("/contacts/{contactId}/notes", "get"),      # simulator
        ("/contacts/{contactId}/tasks", "post"),     # GhlOperations.createTask
        ("/contacts/{contactId}/tasks", "get"),      # simulator
        ("/contacts/{contactId}/tasks/{taskId}", "get"),  # simulator
        ("/contacts/{contactId}/tasks/{taskId}", "put"),  # GhlOperations.updateTask
    ],
    "apps/calendars.json": [
        ("/calendars/events/appointments", "post"),            # GhlOperations.createCalendarAppointment
        ("/calendars/events/appointments/{eventId}", "get"),   # simulator
        ("/calendars/events/appointments/{eventId}", "put"),   # GhlOperations.updateCalendarAppointment
        ("/calendars/events/{eventId}", "delete"),             # simulator
    ],
    "apps/locations.json": [
        ("/locations/{locationId}/customFields", "get"),   # GhlOperations.listCustomFields
        ("/locations/{locationId}/customFields", "post"),  # GhlOperations.createCustomField
    ],
    "apps/oauth.json": [
        ("/oauth/token", "post"),           # GhlOAuthClient.exchangeCode / refresh
        ("/oauth/locationToken", "post"),   # GhlOAuthClient.locationToken
    ],
}
COMMON = "common/common-schemas.json"
COMMON_REF = "../" + COMMON + "#/components/schemas/"
LOCAL_REF = "#/components/schemas/"
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
PROSE = {"description", "summary", "externalDocs"}
WEBHOOK_SAMPLE = re.compile(r".*\.example\d*\.json")


class Refs:
    """Schema names referenced so far: local to the spec being reduced, and in common-schemas.json."""

    def __init__(self):
        self.local = []
        self.common = []

    def add(self, ref):
        if ref.startswith(LOCAL_REF):
            name, names = ref[len(LOCAL_REF):], self.local
        elif ref.startswith(COMMON_REF):
            name, names = ref[len(COMMON_REF):], self.common
        else:
            sys.exit(f"unsupported $ref {ref!r}: extend the script")
        if "/" in name:
            sys.exit(f"unsupported $ref {ref!r} (points inside a schema): extend the script")
        if name not in names:
            names.append(name)


def no_prose(node, also=()):
    if any(k.startswith("x-") for k in node):
        sys.exit(f"unexpected extension in {sorted(node)}: decide whether it is prose and extend the script")
    return {k: v for k, v in node.items() if k not in PROSE and k not in also}


def schema(node, refs):
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        refs.add(node["$ref"])
    out = {}
    for key, value in no_prose(node, also=("title",)).items():
        if key == "properties":
            out[key] = {name: schema(sub, refs) for name, sub in value.items()}
        elif key in ("items", "additionalProperties", "not"):
            out[key] = schema(value, refs)
        elif key in ("allOf", "anyOf", "oneOf"):
            out[key] = [schema(sub, refs) for sub in value]
        else:  # type, format, enum, example(s), default, required, nullable, limits, discriminator, $ref...
            out[key] = value
    return out


def examples(value):
    """Example Objects of a parameter or media type: their values stay, their summary/description go."""
    return {name: no_prose(ex) if isinstance(ex, dict) else ex for name, ex in value.items()}


def media_types(content, refs):
    out = {}
    for media_type, media in content.items():
        m = {}
        for key, value in no_prose(media).items():
            if key == "schema":
                m[key] = schema(value, refs)
            elif key == "examples":
                m[key] = examples(value)
            else:  # example, encoding
                m[key] = value
        out[media_type] = m
    return out


def parameter(node, refs):
    if "$ref" in node:
        sys.exit(f"unsupported parameter $ref {node['$ref']!r}: extend the script")
    out = {}
    for key, value in no_prose(node).items():
        if key == "schema":
            out[key] = schema(value, refs)
        elif key == "content":
            out[key] = media_types(value, refs)
        elif key == "examples":
            out[key] = examples(value)
        else:
            out[key] = value
    return out


def response(node, refs):
    out = {}
    for key, value in node.items():
        if key == "description":
            out[key] = value  # required by OpenAPI 3.0 ("Successful response", "Bad Request"...)
        elif key == "content":
            out[key] = media_types(value, refs)
        elif key == "headers":
            out[key] = {name: parameter(h, refs) for name, h in value.items()}
        elif key in PROSE or key == "links" or key.startswith("x-"):
            continue
        else:
            out[key] = value
    return out


def operation(node, refs):
    out = {}
    for key, value in no_prose(node, also=("tags",)).items():
        if key == "parameters":
            out[key] = [parameter(p, refs) for p in value]
        elif key == "requestBody":
            body = no_prose(value)
            if "content" in body:
                body["content"] = media_types(body["content"], refs)
            out[key] = body
        elif key == "responses":
            out[key] = {code: response(r, refs) for code, r in value.items()}
        elif key in ("operationId", "security", "deprecated", "servers"):
            out[key] = value
        else:
            sys.exit(f"unexpected operation field {key!r}: extend the script")
    return out


def close_over(schemas, refs, spec_name):
    """Reduces every schema in refs.local and whatever they reference in the same file, until nothing new turns up."""
    done = {}
    i = 0
    while i < len(refs.local):  # grows while the schemas are reduced
        name = refs.local[i]
        if name not in schemas:
            sys.exit(f"{spec_name}: $ref to missing schema {name!r}")
        done[name] = schema(schemas[name], refs)
        i += 1
    return {name: done[name] for name in schemas if name in done}  # source order


def reduce_spec(spec, ops, spec_name, common_refs, source_note):
    refs = Refs()
    paths = {}
    wanted = {(p, m) for p, m in ops}
    for path, item in spec["paths"].items():
        methods = [m for m in HTTP_METHODS if (path, m) in wanted and m in item]
        if not methods:
            continue
        out = {}
        for key, value in item.items():
            if key in HTTP_METHODS:
                if key in methods:
                    out[key] = operation(value, refs)
            elif key == "parameters":
                out[key] = [parameter(p, refs) for p in value]
            elif key in PROSE:
                continue
            else:
                sys.exit(f"{spec_name} {path}: unexpected path item field {key!r}: extend the script")
        paths[path] = out
    missing = sorted(f"{m.upper()} {p}" for p, m in ops if p not in spec["paths"] or m not in spec["paths"][p])
    if missing:
        sys.exit(f"{spec_name}: operations not in the source spec: {missing}")

    components = spec.get("components", {})
    unknown = set(components) - {"schemas", "securitySchemes"}
    if unknown:
        sys.exit(f"{spec_name}: unsupported components {sorted(unknown)}: extend the script")
    schemas = close_over(components.get("schemas", {}), refs, spec_name)
    for name in refs.common:
        if name not in common_refs:
            common_refs.append(name)

    used_schemes = []
    for item in paths.values():
        for key, op in item.items():
            for requirement in op.get("security", []) if key in HTTP_METHODS else []:
                used_schemes += [s for s in requirement if s not in used_schemes]
    for requirement in spec.get("security", []):
        used_schemes += [s for s in requirement if s not in used_schemes]
    schemes = {name: no_prose(s) for name, s in components.get("securitySchemes", {}).items() if name in used_schemes}
    if set(used_schemes) - set(schemes):
        sys.exit(f"{spec_name}: undefined security schemes {sorted(set(used_schemes) - set(schemes))}")

    out = {"openapi": spec["openapi"], "x-source": source_note,
           "info": {"title": spec["info"]["title"], "version": spec["info"]["version"]}}
    if "servers" in spec:
        out["servers"] = [no_prose(s) for s in spec["servers"]]
    if "security" in spec:
        out["security"] = spec["security"]
    out["paths"] = paths
    comps = {}
    if schemas:
        comps["schemas"] = schemas
    if schemes:
        comps["securitySchemes"] = schemes
    if comps:
        out["components"] = comps
    return out


def reduce_common(spec, wanted, source_note):
    refs = Refs()
    refs.local = list(wanted)
    schemas = close_over(spec.get("components", {}).get("schemas", {}), refs, COMMON)
    if refs.common:
        sys.exit(f"{COMMON}: unexpected reference back to itself by file name: extend the script")
    return {"openapi": spec["openapi"], "x-source": source_note,
            "info": {"title": spec["info"]["title"], "version": spec["info"]["version"]},
            "paths": {}, "components": {"schemas": schemas}}


def upstream(source_dir):
    text = (source_dir / "SOURCE.txt").read_text(encoding="utf-8")
    repo = re.search(r"^Repository\s*:\s*(\S+)", text, re.M)
    commit = re.search(r"^Snapshot commit[^:]*:\s*([0-9a-f]{40})", text, re.M)
    if not repo or not commit:
        sys.exit(f"{source_dir / 'SOURCE.txt'}: no 'Repository :' or 'Snapshot commit ...: <sha>' line")
    return repo.group(1), commit.group(1)


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def dump(obj):
    return (json.dumps(obj, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def build(source_dir):
    """Every output file, relative path -> bytes."""
    repo, commit = upstream(source_dir)
    files = {}
    listing = []

    def note(rel, raw):
        return {"upstream": f"{repo} @ {commit}, {rel}", "sha256": sha256(raw),
                "reducedBy": SCRIPT + " (only the operations ghl-sync uses; prose removed)"}

    common_refs = []
    for rel, ops in OPERATIONS.items():
        raw = (source_dir / "openapi" / rel).read_bytes()
        files["openapi/" + rel] = dump(reduce_spec(json.loads(raw), ops, rel, common_refs, note(rel, raw)))
        listing.append((f"openapi/{rel}", f"{rel} (reduced)", sha256(raw)))
    raw = (source_dir / "openapi" / COMMON).read_bytes()
    files["openapi/" + COMMON] = dump(reduce_common(json.loads(raw), common_refs, note(COMMON, raw)))
    listing.append((f"openapi/{COMMON}", f"{COMMON} (reduced)", sha256(raw)))

    for sample in sorted((source_dir / "webhook-events").iterdir()):
        if WEBHOOK_SAMPLE.fullmatch(sample.name):
            raw = sample.read_bytes()
            json.loads(raw)  # must parse
            files["webhook-events/" + sample.name] = raw
            event = sample.name.split(".")[0]
            listing.append((f"webhook-events/{sample.name}", f"docs/webhook events/{event}.md (a JSON example block,"
                            " verbatim)", sha256(raw)))

    lines = [
        "Reduced copy of GoHighLevel's API reference data, read by the tests from the classpath (ghl/...).",
        f"Upstream     : {repo}",
        f"Commit       : {commit}",
        f"Written by   : {SCRIPT} (run it again to refresh; the output is deterministic)",
        "",
        "openapi/: only the operations ghl-sync sends or its GHL simulator serves, with every schema they",
        "reference; prose (description, summary, titles, tags) removed. Each file names its source in \"x-source\".",
        "webhook-events/: the JSON example blocks of GHL's webhook event docs, byte for byte (upstream's own",
        "defect kept: AppointmentUpdate.example.json and AppointmentDelete.example.json say \"type\": \"AppointmentCreate\").",
        "The last column is the SHA-256 of the file the script read: for openapi/ the upstream file itself, for",
        "webhook-events/ the extracted block (which is also the file here).",
        "",
        f"{'file':46} {'from (upstream path)':70} sha256 of the file read",
    ]
    lines += [f"{out:46} {src:70} {digest}" for out, src, digest in listing]
    files["SOURCE.txt"] = ("\n".join(lines) + "\n").encode("utf-8")
    return files


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", nargs="?", default=str(REPO.parent / "shared" / "ghl"),
                        help="staged GHL reference data (default: ../shared/ghl beside the repository)")
    parser.add_argument("--out", default=str(REPO / "src" / "test" / "resources" / "ghl"),
                        help="output directory (default: src/test/resources/ghl)")
    parser.add_argument("--check", action="store_true", help="only compare; exit 1 when the output would change")
    args = parser.parse_args()
    source_dir, out_dir = Path(args.source), Path(args.out)
    if not (source_dir / "openapi").is_dir():
        sys.exit(f"{source_dir}: no openapi/ directory; pass the staged GHL reference data as the first argument")

    files = build(source_dir)
    existing = {p.relative_to(out_dir).as_posix() for p in out_dir.rglob("*") if p.is_file()} if out_dir.exists() \
        else set()
    changed = sorted(rel for rel, data in files.items()
                     if rel not in existing or (out_dir / rel).read_bytes() != data)
    stale = sorted(existing - set(files))
    if args.check:
        for rel in changed:
            print(f"would write {rel}")
        for rel in stale:
            print(f"would delete {rel}")
        sys.exit(1 if changed or stale else 0)
    for rel in changed:
        target = out_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(files[rel])
    for rel in stale:
        (out_dir / rel).unlink()
    print(f"{out_dir}: {len(files)} files, {sum(len(d) for d in files.values())} bytes "
          f"({len(changed)} written, {len(stale)} deleted)")


if __name__ == "__main__":
    main()
