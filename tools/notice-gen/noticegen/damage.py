"""Degradation steps, each a named function with its parameters drawn from a stated range.

A clean page (300 DPI, gray) becomes a scan, an office scan, a fax or a phone photo by running named
steps in order. Each step takes the working image (and a numpy Generator for its noise) and returns
a new one; its parameters are plain numbers drawn by draw_* functions from WIDE ranges that do not
depend on the notice layout, and are written to the manifest so a document can be explained.

Photo pipeline: warp (fold, crumple, curl) -> perspective onto a background (tilted, or cropped: the
sheet's edges outside the frame) -> lighting (gradient, shadow band, dim + sensor noise, glare) -> blur
(focus, motion) -> size -> rotation -> JPEG quality.
Scan pipeline: scanner (skew, gray paper, noise, resolution) or fax (bilevel, low resolution).
"""
import io
import math

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

# ---------------------------------------------------------------- helpers --


def _to_array(image):
    return np.asarray(image, dtype=np.float32)


def _to_image(array, mode=None):
    return Image.fromarray(np.clip(array, 0, 255).astype(np.uint8), mode)


def _smooth_noise(gen, width, height, cells, channels=None):
    """Low-frequency noise in [0, 1]: a small random grid enlarged with bicubic interpolation."""
    cells_x = max(2, int(cells))
    cells_y = max(2, int(cells * height / width))
    small = (gen.random((cells_y, cells_x)) * 255).astype(np.uint8)
    big = Image.fromarray(small).resize((width, height), Image.BICUBIC)
    return _to_array(big) / 255.0


MESH_STEP = 24  # px between the points where a warp's displacement is computed: smooth at text scale


def _mesh_grid(page):
    """Coordinates of the warp mesh points on the page (x, y arrays of the same shape)."""
    width, height = page.size
    xs = np.arange(0, width + MESH_STEP, MESH_STEP, dtype=np.float32)
    ys = np.arange(0, height + MESH_STEP, MESH_STEP, dtype=np.float32)
    return np.meshgrid(np.minimum(xs, width), np.minimum(ys, height))


def _displace(page, grid_x, grid_y, dx, dy, shade):
    """The page moved by the displacement (given at the mesh points: each output point shows the
    input at point + displacement), then multiplied by shade (an array at mesh points)."""
    src_x, src_y = grid_x + dx, grid_y + dy
    mesh = []
    rows, columns = grid_x.shape
    for j in range(rows - 1):
        for i in range(columns - 1):
            box = (int(grid_x[j, i]), int(grid_y[j, i]), int(grid_x[j + 1, i + 1]), int(grid_y[j + 1, i + 1]))
            if box[2] <= box[0] or box[3] <= box[1]:
                continue
            quad = (src_x[j, i], src_y[j, i], src_x[j + 1, i], src_y[j + 1, i],
                    src_x[j + 1, i + 1], src_y[j + 1, i + 1], src_x[j, i + 1], src_y[j, i + 1])
            mesh.append((box, [float(v) for v in quad]))
    moved = page.transform(page.size, Image.MESH, mesh, Image.BILINEAR, fillcolor=255)
    shade_image = Image.fromarray(np.asarray(shade, np.float32), "F").resize(page.size, Image.BILINEAR)
    return _to_image(_to_array(moved) * np.asarray(shade_image))


# ------------------------------------------------------ page warps (paper) --


def draw_fold(rng, hard):
    return {"folds": rng.randint(1, 3) if hard else 1, "crease_darkness": rng.uniform(0.55, 0.85) if hard else 0.92,
            "offset_px": rng.uniform(4, 18) if hard else 2.0, "seed": rng.randrange(1 << 30)}


def fold(page, gen, folds, crease_darkness, offset_px, seed):
    """Creases where a letter was folded in thirds or halves: a step in the paper and a dark line."""
    grid_x, grid_y = _mesh_grid(page)
    height = page.size[1]
    dy = np.zeros_like(grid_y)
    shade = np.ones_like(grid_y)
    local = np.random.default_rng(seed)
    for index in range(folds):
        line = height * (index + 1) / (folds + 1) + local.uniform(-60, 60)
        distance = grid_y - line
        dy += offset_px * np.tanh(distance / 40.0)  # the paper steps over about 40 px at a crease
        shade *= 1 - (1 - crease_darkness) * np.exp(-(distance / MESH_STEP) ** 2)
        shade *= np.where(distance > 0, 0.96, 1.0)  # the far panel faces the light a little less
    return _displace(page, grid_x, grid_y, np.zeros_like(dy), dy, shade)


def draw_crumple(rng, hard):
    return {"amplitude_px": rng.uniform(8, 30) if hard else rng.uniform(1, 4),
            "wavelength_px": rng.uniform(150, 500), "shading": rng.uniform(0.1, 0.35) if hard else 0.05}


def crumple(page, gen, amplitude_px, wavelength_px, shading):
    """A crumpled, smoothed-out sheet: smooth random displacement with light and dark facets."""
    grid_x, grid_y = _mesh_grid(page)
    rows, columns = grid_x.shape
    cells = page.size[0] / wavelength_px
    field_x = (_smooth_noise(gen, columns, rows, cells) - 0.5) * 2 * amplitude_px
    field_y = (_smooth_noise(gen, columns, rows, cells) - 0.5) * 2 * amplitude_px
    slope = (np.gradient(field_x, axis=1) + np.gradient(field_y, axis=0)) / MESH_STEP
    shade = 1 - shading * np.clip(np.abs(slope) * wavelength_px / (amplitude_px * 6 + 1e-6), 0, 1)
    return _displace(page, grid_x, grid_y, field_x, field_y, shade)


def draw_curl(rng, hard):
    return {"edge": rng.choice(["top", "bottom", "left", "right"]), "lift_px": rng.uniform(40, 140) if hard else 10.0,
            "reach": rng.uniform(0.15, 0.45), "shading": rng.uniform(0.15, 0.4) if hard else 0.05}


def curl(page, gen, edge, lift_px, reach, shading):
    """One edge of the page lifts and bends away from the camera: lines bow and darken near it."""
    width, height = page.size
    grid_x, grid_y = _mesh_grid(page)
    across = {"top": 1 - grid_y / height, "bottom": grid_y / height,
              "left": 1 - grid_x / width, "right": grid_x / width}[edge]
    bend = np.clip((across - (1 - reach)) / reach, 0, 1) ** 2
    along = grid_x / width if edge in ("top", "bottom") else grid_y / height
    bow = 0.6 + 0.4 * np.sin(along * math.pi)  # the middle of the edge lifts more than its corners
    move = lift_px * bend * bow
    dx, dy = np.zeros_like(move), np.zeros_like(move)
    if edge in ("top", "bottom"):
        dy = move if edge == "bottom" else -move
    else:
        dx = move if edge == "right" else -move
    return _displace(page, grid_x, grid_y, dx, dy, 1 - shading * bend)


# ------------------------------------------------------------- background --

BACKGROUNDS = ("wood", "cloth", "granite", "dark", "light", "cluttered")


def background(kind, width, height, gen):
    """An RGB table or surface the page lies on."""
    if kind == "wood":
        grain = _smooth_noise(gen, width // 4, height // 4, 6)
        stripes = np.sin((np.arange(width // 4)[None, :] / 7.0) + grain * 25) * 0.5 + 0.5
        tone = (0.55 + 0.45 * stripes * (0.7 + 0.3 * grain))[..., None]
        dark, light = np.array([70, 40, 20]), np.array([190, 135, 80])
        rgb = dark + (light - dark) * tone
    elif kind == "cloth":
        x = np.arange(width // 2)[None, :]
        y = np.arange(height // 2)[:, None]
        weave = (np.sin(x * 1.3) * np.sin(y * 1.3) * 0.5 + 0.5) * 0.25
        tone = (0.55 + weave + 0.2 * _smooth_noise(gen, width // 2, height // 2, 5))[..., None]
        base = gen.choice(np.array([[40, 60, 100], [120, 40, 40], [60, 90, 60], [150, 150, 160]]))
        rgb = base * tone * 1.3
    elif kind == "granite":
        specks = gen.random((height // 2, width // 2))
        mottled = _smooth_noise(gen, width // 2, height // 2, 30)
        tone = 0.35 + 0.35 * mottled + 0.3 * (specks > 0.93) - 0.25 * (specks < 0.07)
        rgb = np.array([150, 145, 140]) * tone[..., None] * 1.4
    elif kind == "dark":
        tone = 0.1 + 0.08 * _smooth_noise(gen, width // 4, height // 4, 4)
        rgb = np.array([255, 250, 245]) * tone[..., None]
    elif kind == "light":
        # Nearly the paper's own brightness: the page edge has almost no contrast.
        tone = 0.82 + 0.1 * _smooth_noise(gen, width // 4, height // 4, 4)
        rgb = np.array([250, 248, 240]) * tone[..., None]
    elif kind == "cluttered":
        return _cluttered(width, height, gen)
    else:
        raise ValueError("unknown background " + kind)
    return _to_image(rgb, "RGB").resize((width, height), Image.BILINEAR)


def _cluttered(width, height, gen):
    """A busy desk: coloured objects, other papers with lines of 'text', a dark phone."""
    image = background(str(gen.choice(["wood", "granite", "cloth"])), width, height, gen)
    draw = ImageDraw.Draw(image)
    for _ in range(int(gen.integers(6, 14))):
        x, y = int(gen.integers(0, width)), int(gen.integers(0, height))
        w, h = int(gen.integers(width // 10, width // 3)), int(gen.integers(height // 12, height // 3))
        colour = tuple(int(c) for c in gen.integers(0, 256, 3))
        if gen.random() < 0.4:  # another sheet of paper with text-like lines
            draw.rectangle([x, y, x + w, y + h], fill=(235, 232, 225))
            for line_y in range(y + 20, y + h - 10, 28):
                draw.line([(x + 15, line_y), (x + w - int(gen.integers(15, w // 2 + 16)), line_y)], fill=(60, 60, 60), width=6)
        elif gen.random() < 0.5:
            draw.ellipse([x, y, x + w // 2, y + w // 2], fill=colour)
        else:
            draw.rounded_rectangle([x, y, x + w // 3, y + h], radius=25, fill=colour)
    return image


# ------------------------------------------------------------ perspective --


def draw_perspective(rng, hard, variant=None):
    if hard and variant == "cropped":
        # The sheet is larger than the frame (fill > 1): its edges are cut off, its text is not.
        return {"fill": rng.uniform(1.05, 1.35), "tilt": rng.uniform(0.02, 0.15), "rotation_deg": rng.uniform(-6, 6),
                "offset_x": rng.uniform(-0.5, 0.5), "offset_y": rng.uniform(-0.5, 0.5), "jitter": rng.uniform(0.0, 0.03)}
    if hard:
        return {"fill": rng.uniform(0.35, 0.95), "tilt": rng.uniform(0.1, 0.35), "rotation_deg": rng.uniform(-25, 25),
                "offset_x": rng.uniform(-0.8, 0.8), "offset_y": rng.uniform(-0.8, 0.8), "jitter": rng.uniform(0.01, 0.05)}
    return {"fill": rng.uniform(0.4, 0.85), "tilt": rng.uniform(0.0, 0.15), "rotation_deg": rng.uniform(-8, 8),
            "offset_x": rng.uniform(-0.6, 0.6), "offset_y": rng.uniform(-0.6, 0.6), "jitter": rng.uniform(0.0, 0.03)}


def _bilinear(corners, u, v):
    """The frame point at (u, v) in [0, 1]^2 of the page, from its four corners (near enough to the
    projective map for checking what the frame holds)."""
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = corners
    top = (x0 + (x1 - x0) * u, y0 + (y1 - y0) * u)
    bottom = (x3 + (x2 - x3) * u, y3 + (y2 - y3) * u)
    return top[0] + (bottom[0] - top[0]) * v, top[1] + (bottom[1] - top[1]) * v


def _page_corners(frame_w, frame_h, page_w, page_h, fill, tilt, rotation_deg, offset_x, offset_y, jitter, gen,
                  ink_box=None):
    """Where the page's corners land in the frame; shrunk until all four are inside it, or with
    ink_box ((u0, v0, u1, v1), the printed part as fractions of the page), until that part is."""
    angle = math.radians(rotation_deg)
    cos_a, sin_a = math.cos(angle), math.sin(angle)
    jit = gen.uniform(-1, 1, 8) * jitter
    scale = math.sqrt(fill * frame_w * frame_h / (page_w * page_h))
    while scale > 0.05:
        w, h = page_w * scale, page_h * scale
        cx = frame_w / 2 + offset_x * (frame_w - w) / 2
        cy = frame_h / 2 + offset_y * (frame_h - h) / 2
        top, bottom = w * (1 - tilt), w * (1 + tilt / 3)  # the far edge looks shorter
        local = [(-top / 2, -h / 2), (top / 2, -h / 2), (bottom / 2, h / 2), (-bottom / 2, h / 2)]
        corners = []
        for index, (x, y) in enumerate(local):
            x, y = x + jit[2 * index] * w, y + jit[2 * index + 1] * h
            corners.append((cx + x * cos_a - y * sin_a, cy + x * sin_a + y * cos_a))
        kept, border = corners, 0.01
        if ink_box:
            u0, v0, u1, v1 = ink_box
            kept = [_bilinear(corners, u, v) for u, v in ((u0, v0), (u1, v0), (u1, v1), (u0, v1))]
            border = 0.02  # the bilinear stand-in for the projective map errs by a few pixels
        if all(frame_w * border <= x <= frame_w * (1 - border) and frame_h * border <= y <= frame_h * (1 - border)
               for x, y in kept):
            return corners
        scale *= 0.97
    raise ValueError("page does not fit the frame")


def _perspective_coefficients(destination, source):
    """PIL's 8 coefficients mapping output (destination) points to input (source) points."""
    rows, rhs = [], []
    for (x, y), (u, v) in zip(destination, source):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        rhs += [u, v]
    return np.linalg.solve(np.array(rows, float), np.array(rhs, float)).tolist()


def _ink_box(page):
    """The printed part of a page as fractions of its size (u0, v0, u1, v1), a little widened."""
    dark = np.asarray(page) < 128
    rows, columns = np.flatnonzero(dark.any(axis=1)), np.flatnonzero(dark.any(axis=0))
    if not len(rows):
        return 0.0, 0.0, 1.0, 1.0
    pad = 0.01  # a letter's antialiased edge and the warp's smoothing
    width, height = page.size
    return (max(0.0, columns[0] / width - pad), max(0.0, rows[0] / height - pad),
            min(1.0, columns[-1] / width + pad), min(1.0, rows[-1] / height + pad))


def photograph(page, gen, surface, frame_long, landscape, paper_tint, **geometry):
    """The page (gray) lying on a surface, seen by a camera: an RGB frame."""
    frame_w, frame_h = (frame_long, frame_long * 3 // 4) if landscape else (frame_long * 3 // 4, frame_long)
    ink_box = _ink_box(page) if geometry["fill"] > 1 else None
    corners = _page_corners(frame_w, frame_h, page.size[0], page.size[1], gen=gen, ink_box=ink_box, **geometry)
    xs = [x for x, _ in corners]
    shrink = min(1.0, (max(xs) - min(xs)) * 1.15 / page.size[0])  # transform from about the final size
    small = page.resize((max(1, int(page.size[0] * shrink)), max(1, int(page.size[1] * shrink))), Image.LANCZOS)
    source = [(0, 0), (small.size[0], 0), (small.size[0], small.size[1]), (0, small.size[1])]
    coefficients = _perspective_coefficients(corners, source)
    paper = np.asarray(paper_tint, np.float32) / 255.0
    rgb = _to_image(_to_array(small)[..., None] * paper, "RGB")
    warped = rgb.transform((frame_w, frame_h), Image.PERSPECTIVE, coefficients, Image.BICUBIC)
    mask = Image.new("L", small.size, 255).transform((frame_w, frame_h), Image.PERSPECTIVE, coefficients, Image.BILINEAR)
    frame = background(surface, frame_w, frame_h, gen)
    shadow = mask.filter(ImageFilter.GaussianBlur(frame_long / 150)).transform(
        mask.size, Image.AFFINE, (1, 0, -frame_long / 200, 0, 1, -frame_long / 130))
    frame = _to_image(_to_array(frame) * (1 - 0.45 * _to_array(shadow)[..., None] / 255.0), "RGB")
    frame.paste(warped, (0, 0), mask)
    return frame


# --------------------------------------------------------------- lighting --


def draw_lighting(rng, hard, which):
    """which: 'gradient', 'shadow', 'dim' or 'glare' is the one made hard (or None: all ordinary)."""
    params = {"gradient": rng.uniform(0.0, 0.4), "gradient_angle": rng.uniform(0, 360),
              "shadow_darkness": rng.uniform(0.0, 0.35), "shadow_softness": rng.uniform(0.01, 0.08),
              "shadow_side": rng.randrange(4), "shadow_width": rng.uniform(0.15, 0.4),
              "brightness": rng.uniform(0.7, 1.05), "sensor_noise": rng.uniform(0.5, 4.0),
              "warmth": rng.uniform(0.0, 0.12)}
    if hard and which == "gradient":
        params["gradient"] = rng.uniform(0.45, 0.75)
    if hard and which == "shadow":
        params["shadow_darkness"] = rng.uniform(0.4, 0.75)
        params["shadow_softness"] = rng.uniform(0.0, 0.01)  # a hard edge, as a hand or phone casts
    if hard and which == "dim":
        params["brightness"] = rng.uniform(0.15, 0.45)
        params["sensor_noise"] = rng.uniform(8, 25)
    # Glare: a lamp or the flash reflected off the sheet whitens a patch. Drawn only when asked, so that
    # the other photos of a seed stay as they were.
    params.update(glare=0.0, glare_x=0.5, glare_y=0.5, glare_radius=0.2)
    if hard and which == "glare":
        # Up to 0.75: the text under the brightest point keeps about a quarter of its contrast, still
        # readable by a person.
        params.update(glare=rng.uniform(0.45, 0.75), glare_x=rng.uniform(0.2, 0.8), glare_y=rng.uniform(0.15, 0.85),
                      glare_radius=rng.uniform(0.08, 0.25))
    return params


def lighting(frame, gen, gradient, gradient_angle, shadow_darkness, shadow_softness, shadow_side, shadow_width,
             brightness, sensor_noise, warmth, glare=0.0, glare_x=0.5, glare_y=0.5, glare_radius=0.2):
    """Uneven light: a gradient across the frame, a shadow band, overall dimness, glare (a whitened
    patch, radius as a fraction of the frame's width) and sensor noise."""
    width, height = frame.size
    small_w, small_h = 200, max(2, int(200 * height / width))
    grid_y, grid_x = np.mgrid[0:small_h, 0:small_w].astype(np.float32)
    angle = math.radians(gradient_angle)
    ramp = (grid_x / small_w - 0.5) * math.cos(angle) + (grid_y / small_h - 0.5) * math.sin(angle)
    light = 1 - gradient * (ramp - ramp.min()) / max(1e-6, ramp.max() - ramp.min())
    if shadow_darkness > 0:
        band = Image.new("L", (small_w, small_h), 0)
        start = gen.uniform(0.1, 0.6)
        w = shadow_width
        polygons = [
            [(start * small_w, -5), ((start + w) * small_w, -5), ((start + w * 1.8) * small_w, small_h + 5), ((start + w * 0.8) * small_w, small_h + 5)],
            [(-5, start * small_h), (-5, (start + w) * small_h), (small_w + 5, (start + w * 1.6) * small_h), (small_w + 5, (start + w * 0.6) * small_h)],
            [((0.3 + w) * small_w, -5), (small_w + 5, -5), (small_w + 5, 0.8 * small_h), ((0.5 + w) * small_w, 0.45 * small_h)],
            [(-5, 0.45 * small_h), (0.6 * small_w, small_h + 5), (-5, small_h + 5)],
        ]
        ImageDraw.Draw(band).polygon(polygons[shadow_side], fill=255)
        if shadow_softness > 0:
            band = band.filter(ImageFilter.GaussianBlur(shadow_softness * small_w))
        light = light * (1 - shadow_darkness * _to_array(band) / 255.0)
    light_image = _to_image(light * 255).resize((width, height), Image.BILINEAR)
    tint = np.array([1.0, 1.0 - warmth * 0.5, 1.0 - warmth], np.float32)
    array = _to_array(frame) * (_to_array(light_image)[..., None] / 255.0) * tint * brightness
    if glare > 0:
        spread = glare_radius * small_w
        spot = glare * np.exp(-((grid_x - glare_x * small_w) ** 2 + (grid_y - glare_y * small_h) ** 2) / (2 * spread ** 2))
        spot = _to_array(_to_image(spot * 255).resize((width, height), Image.BILINEAR))[..., None] / 255.0
        array = array * (1 - spot) + 250 * spot
    array += gen.standard_normal(array.shape, dtype=np.float32) * sensor_noise
    return _to_image(array, "RGB")


# ------------------------------------------------------------------- blur --


def draw_blur(rng, hard, kind="focus"):
    if not hard:
        return {"kind": "focus", "radius_px": rng.uniform(0.3, 1.5), "angle_deg": 0.0}
    # The upper ends are where a person can still just read the text on the frame (2400 px tall).
    return {"kind": kind, "radius_px": rng.uniform(1.5, 3.5) if kind == "focus" else rng.uniform(4, 10),
            "angle_deg": rng.uniform(0, 180)}


def blur(frame, gen, kind, radius_px, angle_deg):
    """Out of focus (Gaussian) or a shaking hand (averaging along a line radius_px long)."""
    if kind == "focus":
        return frame.filter(ImageFilter.GaussianBlur(radius_px))
    array = _to_array(frame)
    steps = max(2, int(radius_px))
    out = np.zeros_like(array)
    angle = math.radians(angle_deg)
    for step in range(steps):
        offset = step - (steps - 1) / 2
        out += np.roll(array, (int(round(offset * math.sin(angle))), int(round(offset * math.cos(angle)))), axis=(0, 1))
    return _to_image(out / steps, frame.mode)


# ------------------------------------------------------- size, rotation, jpeg --


def draw_size(rng, hard):
    return {"long_side_px": rng.randint(900, 1400) if hard else rng.randint(1600, 3000)}


def resize(frame, gen, long_side_px):
    """The camera's (or a messaging app's) output size."""
    width, height = frame.size
    scale = long_side_px / max(width, height)
    return frame.resize((max(1, int(width * scale)), max(1, int(height * scale))), Image.LANCZOS)


def draw_rotation(rng, hard):
    """How the file stores the picture: turned, and whether an EXIF tag says so."""
    if hard:
        return {"turn_deg": rng.choice([90, 180, 270]), "exif": False}
    turn = rng.choices([0, 90, 180, 270], [65, 15, 10, 10])[0]
    return {"turn_deg": turn, "exif": turn != 0}


# EXIF orientation a viewer applies to show the picture upright, by how far the pixels are turned
# counter-clockwise: 90 -> 6 (rotate 90 clockwise), 180 -> 3, 270 -> 8.
EXIF_FOR_TURN = {90: 6, 180: 3, 270: 8}


def rotate_storage(frame, gen, turn_deg, exif):
    """The pixels turned counter-clockwise by turn_deg; returns (image, EXIF orientation or None)."""
    if turn_deg == 0:
        return frame, None
    turned = frame.transpose({90: Image.ROTATE_90, 180: Image.ROTATE_180, 270: Image.ROTATE_270}[turn_deg])
    return turned, EXIF_FOR_TURN[turn_deg] if exif else None


def draw_jpeg(rng, hard):
    return {"quality": rng.randint(8, 35) if hard else rng.randint(60, 92)}


def jpeg_bytes(frame, quality, orientation=None):
    """The photo as JPEG bytes, with an EXIF Orientation tag when orientation is given."""
    out = io.BytesIO()
    extra = {}
    if orientation:
        exif = Image.Exif()
        exif[0x0112] = orientation
        extra["exif"] = exif.tobytes()
    frame.save(out, "JPEG", quality=quality, subsampling=2, **extra)
    return out.getvalue()


# ------------------------------------------------------------------ scans --


def draw_scanner(rng, hard):
    if hard:
        return {"skew_deg": rng.uniform(-6, 6), "dpi": rng.choice([150, 200]), "paper": rng.uniform(0.7, 0.88),
                "noise": rng.uniform(8, 20), "blur_px": rng.uniform(0.8, 1.8), "levels": rng.choice([4, 8, 16])}
    return {"skew_deg": rng.uniform(-3, 3), "dpi": rng.choice([200, 300]), "paper": rng.uniform(0.88, 0.97),
            "noise": rng.uniform(1, 5), "blur_px": rng.uniform(0.3, 1.0), "levels": 16}


def scanner(page, gen, skew_deg, dpi, paper, noise, blur_px, levels):
    """A flatbed or sheet-fed scan: skewed, gray paper, optics blur, noise, fewer gray levels, lower DPI."""
    image = page.rotate(skew_deg, resample=Image.BICUBIC, expand=False, fillcolor=255)
    image = image.filter(ImageFilter.GaussianBlur(blur_px))
    if dpi != 300:
        image = image.resize((page.size[0] * dpi // 300, page.size[1] * dpi // 300), Image.LANCZOS)
    array = 10 + _to_array(image) * (paper - 10 / 255)
    array += gen.standard_normal(array.shape, dtype=np.float32) * noise
    step = 256 // levels
    array = np.floor(np.clip(array, 0, 255) / step) * step + step // 2
    return _to_image(array, "L")


def draw_fax(rng, hard):
    return {"threshold": rng.uniform(0.4, 0.65) if hard else 0.6, "fine": (rng.random() < 0.5) if hard else True,
            "speckle": rng.uniform(0.0005, 0.004) if hard else 0.0, "skew_deg": rng.uniform(-2.5, 2.5) if hard else 0.0}


def fax(page, gen, threshold, fine, speckle, skew_deg):
    """A received fax: 204 DPI across, 196 (fine) or 98 (standard, rows doubled) down, black and white."""
    image = page.rotate(skew_deg, resample=Image.BICUBIC, fillcolor=255) if skew_deg else page
    width = page.size[0] * 204 // 300
    rows = page.size[1] * (196 if fine else 98) // 300
    image = image.resize((width, rows), Image.BOX)
    if not fine:
        image = image.resize((width, rows * 2), Image.NEAREST)
    array = _to_array(image)
    bits = array > threshold * 255
    flips = gen.random(bits.shape) < speckle
    bits = np.where(flips, ~bits, bits)
    return Image.fromarray((bits * 255).astype(np.uint8), "L").convert("1")
