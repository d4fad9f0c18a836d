"""A set like the committed samples/: the files named in committed-samples.json, each from its
template, font, seed and pinned damage parameters (notice-gen samples --out DIR)."""
import json
import os
import shutil
import subprocess

import numpy as np

from . import damage, evalset, render, templates, values

SAMPLES_FILE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "committed-samples.json")


def make_sample(spec, out_dir):
    template = templates.load_templates()[spec["template"]]
    rng = values.rng_for("sample", spec["seed"])
    gen = np.random.default_rng(spec["seed"])
    notice = values.draw_notice(template, rng, spec.get("fixed"))
    pages = render.render_document(templates.prepare(template, notice), spec["font"], 1.0, spec.get("two_pages", False))
    path = os.path.join(out_dir, spec["name"])
    if spec["kind"] == "scan" and spec.get("bilevel"):
        evalset.save_tiff(path, [damage.fax(pages[0], gen, 0.6, True, 0.0, 0.0)], 300, "group4")
    elif spec["kind"] == "scan":
        pages[0].save(path, dpi=(300, 300))
    elif spec["kind"] == "office-scan":
        evalset.save_tiff(path, [damage.scanner(p, gen, **spec["scanner"]) for p in pages], spec["scanner"]["dpi"],
                          "tiff_deflate")
    else:
        data, _ = evalset.make_photo(pages[0], rng, gen, {}, spec["photo"])
        with open(path, "wb") as handle:
            handle.write(data)
    record = {"source": spec["name"], "kind": spec["kind"], "expected": notice["expected"]}
    _write_expected(out_dir, spec["name"], record)
    if "heic" in spec:
        _heic_copy(out_dir, spec, record)


def _write_expected(out_dir, name, record, keep_extension=False):
    """NAME.expected.json beside the image (NAME.heic.expected.json for the HEIC copy of a JPEG)."""
    stem = name if keep_extension else os.path.splitext(name)[0]
    with open(os.path.join(out_dir, stem + ".expected.json"), "w", encoding="utf-8") as handle:
        json.dump(record, handle, indent=2)
        handle.write("\n")


def _heic_copy(out_dir, spec, record):
    """The iPhone's default format: Pillow cannot write HEIC, ImageMagick (with libheif) can."""
    heic = spec["heic"]
    if not shutil.which("convert"):
        print("notice-gen: ImageMagick 'convert' not found: {} not made".format(heic["name"]))
        return
    source = os.path.join(out_dir, spec["name"])
    target = os.path.join(out_dir, heic["name"])
    done = subprocess.run(["convert", source, "-resize", "{}x".format(heic["width"]), "-quality", str(heic["quality"]),
                           target], capture_output=True, check=False)
    if done.returncode != 0:
        print("notice-gen: this ImageMagick cannot write HEIC: {} not made".format(heic["name"]))
        return
    _write_expected(out_dir, heic["name"], dict(record, source=heic["name"]), keep_extension=True)


def command(args):
    with open(SAMPLES_FILE, encoding="utf-8") as handle:
        specs = json.load(handle)["samples"]
    os.makedirs(args.out, exist_ok=True)
    for spec in specs:
        make_sample(spec, args.out)
        print("  {}  ({}, {})".format(spec["name"], spec["template"], spec["kind"]))
