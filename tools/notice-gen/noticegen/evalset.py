"""The evaluation set: tiers of documents from clean scans to hard and combined photo damage,
plus photographs of renderings of the IRS's own sample notices (when that folder exists).

Every document is planned first (tier, damage, template, font, seed), then made in parallel;
a document depends only on (set seed, index), so a seed names the set on a given machine.
Files: DIR/doc-NNNN.{png,tif,jpg}, DIR/doc-NNNN.expected.json, DIR/manifest.tsv.
"""
import glob
import json
import multiprocessing
import os

import numpy as np

from . import damage, render, templates, values

# Kinds of damage in the hard tier: each alone (the rest of the photo stays ordinary), and several
# at once in the combined tier. Variants are drawn per document and recorded as KIND/VARIANT.
HARD_KINDS = ("perspective", "background", "lighting", "blur", "compression", "size", "warp", "rotation",
              "scanner", "fax")
VARIANTS = {"background": damage.BACKGROUNDS, "lighting": ("gradient", "shadow", "dim", "glare"),
            "perspective": ("tilted", "cropped"),
            "blur": ("focus", "motion"), "warp": ("fold", "crumple", "curl")}
SCAN_KINDS = ("scanner", "fax")  # these replace the photo; the others damage a photo
ORDINARY_SURFACES = ("wood", "cloth", "granite", "dark")
# A photo is composed at its final size when that is large; a small one (a messaging app's copy)
# is composed at this size first and then shrunk, as the camera's picture would be.
WORKING_LONG_SIDE = 2400


def plan(seed, counts, real_dir):
    """The list of documents to make: dicts with index, tier, damage, code/real sample, seed."""
    codes = sorted(templates.load_templates())
    order = list(codes)
    values.rng_for(seed, "order").shuffle(order)
    docs = []

    def add(tier, damage_list, code=None, real=None, rendering=0):
        docs.append({"index": len(docs) + 1, "tier": tier, "damage": damage_list, "code": code, "real": real,
                     "rendering": rendering, "seed": seed})

    for tier in ("scan", "office-scan", "phone"):
        for n in range(counts[tier]):
            add(tier, [], order[(n + len(docs)) % len(order)])
    for kind_index, kind in enumerate(HARD_KINDS):
        for n in range(counts["hard"]):
            rng = values.rng_for(seed, "variant", kind, n)
            variant = kind + "/" + rng.choice(VARIANTS[kind]) if kind in VARIANTS else kind
            add("hard", [variant], order[(n * 3 + kind_index) % len(order)])
    photo_kinds = [k for k in HARD_KINDS if k not in SCAN_KINDS]
    for n in range(counts["combined"]):
        rng = values.rng_for(seed, "combined", n)
        chosen = sorted(rng.sample(photo_kinds, rng.randint(3, 5)))
        add("combined", [k + "/" + rng.choice(VARIANTS[k]) if k in VARIANTS else k for k in chosen],
            order[(n * 5 + 1) % len(order)])
    samples = sorted(glob.glob(os.path.join(real_dir, "*.json"))) if real_dir else []
    for path in samples:
        for rendering in range(counts["real-photo"]):
            add("real-photo", [], real=path, rendering=rendering)
        for rendering in range(counts["real-scan"]):
            add("real-scan", [], real=path, rendering=rendering + counts["real-photo"])
    return docs


# ---------------------------------------------------------------- pages --


def template_pages(doc, rng, two_pages=False):
    template = templates.load_templates()[doc["code"]]
    notice = values.draw_notice(template, rng)
    families = render.SERIF_FAMILIES if template["layout"] == "letter" else render.SANS_FAMILIES
    if rng.random() < 0.15:  # some notices come out of other printers and fonts
        families = render.SANS_FAMILIES + render.SERIF_FAMILIES
    family = rng.choice(families)
    scale = rng.uniform(0.92, 1.05)
    pages = render.render_document(templates.prepare(template, notice), family, scale, two_pages)
    return pages, notice["expected"], {"template": doc["code"], "font": family, "font_scale": round(scale, 3)}


REAL_LAYOUTS = ("two-column", "header-block")


def real_pages(doc, rng):
    """A rendering of a real IRS sample's text: layout and font change with the rendering number."""
    with open(doc["real"], encoding="utf-8") as handle:
        sample = json.load(handle)
    lines = [line.rstrip() for line in sample["text"].split("\n")]
    layout = REAL_LAYOUTS[doc["rendering"] % len(REAL_LAYOUTS)]
    families = render.SANS_FAMILIES if doc["rendering"] % 2 == 0 else render.SERIF_FAMILIES
    family = rng.choice(families)
    for size in range(rng.randint(36, 42), 20, -2):
        page = render.render_text_columns(lines, family, size, columns=2,
                                          header_lines=12 if layout == "header-block" else 0)
        if page is not None:
            break
    expected = {key: sample["expected"][key] for key in ("notice_code", "tax_year", "amount_due", "response_date",
                                                         "notice_date")}
    return [page], expected, {"real": os.path.basename(doc["real"]), "layout": layout, "font": family, "size": size}


# ---------------------------------------------------------------- photos --


def _damage_kinds(doc):
    return {entry.split("/")[0]: (entry.split("/") + [None])[1] for entry in doc["damage"]}


def make_photo(page, rng, gen, kinds, pinned=None):
    """A phone photo of the page; kinds maps each hard damage kind to its variant. pinned
    ({step: {param: value}}) fixes parameters instead of drawing them (the committed samples)."""
    pinned = pinned or {}
    steps = {}

    def step(name, params):
        steps[name] = dict(params, **pinned.get(name, {}))
        return steps[name]

    warp = kinds.get("warp")
    if warp:
        draw = {"fold": damage.draw_fold, "crumple": damage.draw_crumple, "curl": damage.draw_curl}[warp]
        page = getattr(damage, warp)(page, gen, **step(warp, draw(rng, True)))
    geometry = damage.draw_perspective(rng, "perspective" in kinds, kinds.get("perspective"))
    if "rotation" in kinds:
        geometry["rotation_deg"] = rng.choice([-1, 1]) * rng.uniform(8, 25)
    surface = rng.choice(ORDINARY_SURFACES)
    if "background" in kinds:
        surface = kinds["background"]
        if rng.random() < 0.5:  # the page fills nearly all of the frame, or very little of it
            geometry["fill"] = rng.choice([rng.uniform(0.85, 0.95), rng.uniform(0.3, 0.45)])
    tint = (rng.randint(240, 255), rng.randint(235, 250), rng.randint(215, 240))
    placed = step("perspective", dict(geometry, surface=surface, landscape=rng.random() < 0.15))
    size = step("size", damage.draw_size(rng, "size" in kinds))
    composed = max(size["long_side_px"], WORKING_LONG_SIDE)
    geometry = {key: placed[key] for key in geometry}
    frame = damage.photograph(page, gen, placed["surface"], composed, placed["landscape"], tint, **geometry)
    frame = damage.lighting(frame, gen, **step("lighting", damage.draw_lighting(rng, "lighting" in kinds,
                                                                                kinds.get("lighting"))))
    frame = damage.blur(frame, gen, **step("blur", damage.draw_blur(rng, "blur" in kinds,
                                                                    kinds.get("blur") or "focus")))
    if composed != size["long_side_px"]:
        frame = damage.resize(frame, gen, **size)
    frame, orientation = damage.rotate_storage(frame, gen, **step("rotation", damage.draw_rotation(rng, "rotation" in kinds)))
    quality = step("jpeg", damage.draw_jpeg(rng, "compression" in kinds))["quality"]
    return damage.jpeg_bytes(frame, quality, orientation), steps


def _rounded(params):
    if isinstance(params, dict):
        return {k: _rounded(v) for k, v in params.items()}
    return round(params, 3) if isinstance(params, float) else params


def save_tiff(path, pages, dpi, compression):
    pages[0].save(path, "TIFF", compression=compression, dpi=(dpi, dpi), save_all=len(pages) > 1,
                  append_images=pages[1:])


def make_document(doc, out_dir):
    """Writes one document and its expected fields; returns its manifest line."""
    rng = values.rng_for(doc["seed"], doc["index"], "document")
    gen = np.random.default_rng(rng.randrange(1 << 62))
    name = "doc-{:04d}".format(doc["index"])
    kinds = _damage_kinds(doc)
    two_pages = doc["tier"] == "office-scan" and rng.random() < 0.25
    if doc["real"]:
        pages, expected, about = real_pages(doc, rng)
    else:
        pages, expected, about = template_pages(doc, rng, two_pages)
        if len(pages) == 1:
            two_pages = False
    tier, steps = doc["tier"], {}
    if tier in ("scan", "real-scan"):
        choice = rng.random()
        if choice < 0.7:
            file_name = name + ".png"
            pages[0].save(os.path.join(out_dir, file_name), dpi=(300, 300))
        elif choice < 0.9 or tier == "real-scan":
            file_name = name + ".tif"
            save_tiff(os.path.join(out_dir, file_name), pages[:1], 300, "tiff_lzw")
        else:
            file_name = name + ".tif"
            save_tiff(os.path.join(out_dir, file_name), [damage.fax(pages[0], gen, 0.6, True, 0.0, 0.0)], 300, "group4")
    elif tier == "office-scan" or "scanner" in kinds:
        steps["scanner"] = damage.draw_scanner(rng, "scanner" in kinds)
        scanned = [damage.scanner(p, gen, **steps["scanner"]) for p in pages]
        file_name = name + ".tif"
        save_tiff(os.path.join(out_dir, file_name), scanned, steps["scanner"]["dpi"], "tiff_deflate")
    elif "fax" in kinds:
        steps["fax"] = damage.draw_fax(rng, True)
        file_name = name + ".tif"
        save_tiff(os.path.join(out_dir, file_name), [damage.fax(pages[0], gen, **steps["fax"])], 204, "group4")
    else:
        data, steps = make_photo(pages[0], rng, gen, kinds)
        file_name = name + ".jpg"
        with open(os.path.join(out_dir, file_name), "wb") as handle:
            handle.write(data)
    record = {"source": file_name, "kind": tier, "damage": doc["damage"], "expected": expected}
    with open(os.path.join(out_dir, name + ".expected.json"), "w", encoding="utf-8") as handle:
        json.dump(record, handle, indent=2)
        handle.write("\n")
    about.update(pages=len(pages) if two_pages or tier == "real-scan" else 1)
    return "\t".join([file_name, tier, ",".join(doc["damage"]) or "-", about.get("template") or about.get("real"),
                      json.dumps(_rounded(dict(about, steps=steps)), sort_keys=True)])


def _make_one(args):
    doc, out_dir = args
    return make_document(doc, out_dir)


def make_set(out_dir, seed, counts, real_dir, jobs):
    os.makedirs(out_dir, exist_ok=True)
    docs = plan(seed, counts, real_dir if real_dir and os.path.isdir(real_dir) else None)
    work = [(doc, out_dir) for doc in docs]
    if jobs > 1:
        with multiprocessing.Pool(jobs) as pool:
            lines = pool.map(_make_one, work, chunksize=1)
    else:
        lines = [_make_one(item) for item in work]
    with open(os.path.join(out_dir, "manifest.tsv"), "w", encoding="utf-8") as handle:
        handle.write("file\ttier\tdamage\tnotice\tdetails\n")
        handle.write("\n".join(lines) + "\n")
    return docs
