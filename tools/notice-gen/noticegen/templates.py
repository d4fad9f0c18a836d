"""Notice templates (templates/*.json) loaded, checked, and filled with a notice's values.

A template is data: the notice's wording with {placeholders}, its fields and how they print, its
distractors and its layout blocks. See samples/README.md for the format and an example. prepare()
turns a template and values (values.draw_notice) into a document the renderer and the stress-text
writer both read, so images and texts say the same thing.
"""
import functools
import glob
import json
import os

TEMPLATE_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "templates")
COMMON_FILE = "_common.json"
LAYOUTS = ("cp", "letter")
STUB_KINDS = ("pay", "response", "waiver", "none")
REQUIRED = ("code", "layout", "values")


class TemplateError(Exception):
    pass


@functools.lru_cache(maxsize=None)
def load_templates(directory=TEMPLATE_DIR):
    """{code: template} for every templates/*.json, read once; errors name the file and the reason."""
    common_path = os.path.join(directory, COMMON_FILE)
    common = _read(common_path)
    templates = {}
    for path in sorted(glob.glob(os.path.join(directory, "*.json"))):
        if os.path.basename(path) == COMMON_FILE:
            continue
        template = _read(path)
        _check(path, template)
        template["_common"] = common
        template["_file"] = os.path.basename(path)
        if template["code"] in templates:
            raise TemplateError("{}: code {} is already defined".format(path, template["code"]))
        templates[template["code"]] = template
    if not templates:
        raise TemplateError("{}: no templates".format(directory))
    return templates


def _read(path):
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError) as error:
        raise TemplateError("{}: {}".format(path, error)) from error


def _check(path, template):
    for key in REQUIRED:
        if key not in template:
            raise TemplateError("{}: missing '{}'".format(path, key))
    if template["layout"] not in LAYOUTS:
        raise TemplateError("{}: layout must be one of {}".format(path, ", ".join(LAYOUTS)))
    stub = template.get("stub", {"kind": "none"})
    if stub.get("kind") not in STUB_KINDS:
        raise TemplateError("{}: stub kind must be one of {}".format(path, ", ".join(STUB_KINDS)))
    values = template["values"]
    if "notice_days_after_year_end" not in values:
        raise TemplateError("{}: values.notice_days_after_year_end missing".format(path))
    rows = template.get("table", {}).get("rows", [])
    if rows and "total_cents" not in values:
        raise TemplateError("{}: a billing table needs values.total_cents".format(path))
    if sum(1 for row in rows if row.get("rest")) > 1:
        raise TemplateError("{}: at most one billing row may be the rest".format(path))


def _header_preset(template, name):
    presets = template["_common"]["headers"]
    if name not in presets:
        raise TemplateError("{}: unknown header preset '{}'".format(template["_file"], name))
    return presets[name]


def prepare(template, values):
    """The filled document: every string the page prints, in the blocks the renderer draws."""
    fill = lambda text: text.format_map(values)  # noqa: E731 (one-line helper)
    common = template["_common"]
    header = template.get("header", "individual")
    if isinstance(header, str):
        header = _header_preset(template, header)
    table = template.get("table", {})
    rows = [(fill(row["label"]), values["amount"] if row.get("total") else values[row["key"]], bool(row.get("total")))
            for row in table.get("rows", [])]
    stub = dict(template.get("stub", {"kind": "none"}))
    stub["label"] = fill(stub.get("label", ""))
    stub["amount"] = fill(stub.get("amount", "{amount}")) if stub["kind"] == "pay" else ""
    stub["text"] = [fill(line) for line in stub.get("text", common["stub_text"] if stub["kind"] == "pay" else [])]
    stub["pairs"] = [(fill(a), fill(b)) for a, b in stub.get("pairs", [])]
    stub_header = template.get("stub_header", common["stub_header"])
    back = list(template.get("back_extra", []))
    if "amount" in values and template["values"].get("amount_is_due", True):
        back += common["back_charges"]
    back += common["back_history"] + common["back"]
    letter = template.get("letter", {})
    doc = {
        "code": template["code"], "layout": template["layout"],
        "sender": [fill(line) for line in common["sender"]],
        "header": [(fill(a), fill(b)) for a, b in header],
        "stub_header": [(fill(a), fill(b)) for a, b in stub_header],
        "address": [values["name"], values["address1"], values["address2"]],
        "id_line": "{} {}".format(values["id_label"], values["id_value"]),
        "remit": values["remit"], "pages": values["pages"],
        "headline": fill(template.get("headline", "")),
        "keys": [fill(line) for line in template.get("keys", [])],
        "intro": [fill(line) for line in template.get("intro", [])],
        "table_title": fill(table.get("title", "")), "rows": rows,
        "actions_title": fill(template.get("actions", {}).get("title", "")),
        "actions": [fill(line) for line in template.get("actions", {}).get("items", [])],
        "notes": [fill(line) for line in template.get("notes", [])],
        "stub": stub,
        "footer": fill(template.get("footer", "Notice {code} (Rev. {revision})")),
        "back": [fill(line) for line in back],
        "letter_header": [fill(line) for line in letter.get("header", [])],
        "titles": [fill(line) for line in letter.get("titles", [])],
        "paragraphs_before": [fill(line) for line in letter.get("paragraphs_before", [])],
        "paragraphs_after": [fill(line) for line in letter.get("paragraphs_after", [])],
        "signature": [fill(line) for line in letter.get("signature", [])],
        "letter_table": None,
    }
    if letter.get("table"):
        doc["letter_table"] = {"columns": letter["table"]["columns"],
                               "rows": [[fill(cell) for cell in row] for row in letter["table"]["rows"]]}
    return doc
