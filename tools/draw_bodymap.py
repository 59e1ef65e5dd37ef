"""Generate the myomap body-map figures (front and back SVG).

The figure is built from a handful of smooth *patches* (head, neck, torso, pelvis, arm, hand,
thigh, knee, lower leg, ankle, foot).  Each patch is a Coons patch bounded by four spline
curves; neighbouring patches share their boundary curves, so they meet without gaps.  A
region is a polygon in the patch's (u, t) parameter space (u across the part, from the
viewer's left side to the viewer's right side; t from the top of the part to its bottom).
Region edges are mapped through the patch and written as cubic Bezier curves, so adjacent
regions share their borders and together tile the silhouette.

Everything is drawn for the viewer's left half (or for the viewer's left limb) and mirrored
about x = 120 for the other side.  On the front view the viewer's left is the person's right
(suffix ``_r``); on the back view it is the person's left (suffix ``_l``).

Usage: ``python tools/draw_bodymap.py [--out DIR]`` (stdlib only); then ``myomap atlas check``
(MYO008/MYO009: every drawn region is in regions.yaml and the reverse) and
``python tools/figure_areas.py`` (the stored region areas).
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

Pt = tuple[float, float]
UV = tuple[float, float]
Knot = tuple[float, float] | tuple[float, float, float]

WIDTH = 240.0
HEIGHT = 560.0
MID = WIDTH / 2
ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "src" / "myomap" / "atlas" / "figures" / "data"

REGION_FILL = "#f3e9e2"
REGION_STROKE = "#b9a79b"
OUTLINE_FILL = "#eaded5"
OUTLINE_STROKE = "#8f7d71"


# --------------------------------------------------------------------------- curves


def _lerp(a: Pt, b: Pt, s: float) -> Pt:
    return (a[0] + (b[0] - a[0]) * s, a[1] + (b[1] - a[1]) * s)


def _dist(a: Pt, b: Pt) -> float:
    return math.hypot(b[0] - a[0], b[1] - a[1])


def _mirror_pt(p: Pt) -> Pt:
    return (WIDTH - p[0], p[1])


class Curve:
    """A dense polyline with a monotone parameter in [0, 1] attached to every sample."""

    def __init__(self, pts: Sequence[Pt], params: Sequence[float]) -> None:
        if len(pts) != len(params) or len(pts) < 2:
            raise ValueError("a curve needs at least two samples, one parameter each")
        self.pts: list[Pt] = list(pts)
        self.params: list[float] = list(params)

    @staticmethod
    def spline(knots: Sequence[Knot], by_y: bool = False, steps: int = 24) -> Curve:
        """Catmull-Rom spline through the knots.

        A knot may carry an explicit parameter as a third value; knots without one get a
        parameter by arc length between their neighbours with known parameters (the ends
        default to 0 and 1).  With ``by_y`` the parameter is the normalised y coordinate.
        """
        ctrl: list[Pt] = [(k[0], k[1]) for k in knots]
        n = len(ctrl)
        if n == 2:
            ctrl_tan = [
                (ctrl[1][0] - ctrl[0][0], ctrl[1][1] - ctrl[0][1]),
                (ctrl[1][0] - ctrl[0][0], ctrl[1][1] - ctrl[0][1]),
            ]
        else:
            ctrl_tan = []
            for i in range(n):
                a = ctrl[max(i - 1, 0)]
                b = ctrl[min(i + 1, n - 1)]
                f = 1.0 if i in (0, n - 1) else 0.5
                ctrl_tan.append(((b[0] - a[0]) * f, (b[1] - a[1]) * f))
        pts: list[Pt] = [ctrl[0]]
        knot_index = [0]
        for i in range(n - 1):
            p0, p3 = ctrl[i], ctrl[i + 1]
            p1 = (p0[0] + ctrl_tan[i][0] / 3, p0[1] + ctrl_tan[i][1] / 3)
            p2 = (p3[0] - ctrl_tan[i + 1][0] / 3, p3[1] - ctrl_tan[i + 1][1] / 3)
            for j in range(1, steps + 1):
                s = j / steps
                m = 1 - s
                pts.append(
                    (
                        m**3 * p0[0] + 3 * m * m * s * p1[0] + 3 * m * s * s * p2[0] + s**3 * p3[0],
                        m**3 * p0[1] + 3 * m * m * s * p1[1] + 3 * m * s * s * p2[1] + s**3 * p3[1],
                    )
                )
            knot_index.append(len(pts) - 1)
        if by_y:
            y0, y1 = pts[0][1], pts[-1][1]
            params = [(p[1] - y0) / (y1 - y0) for p in pts]
            for ta, tb in itertools.pairwise(params):
                if tb < ta - 1e-9:
                    raise ValueError(f"curve is not monotone in y: {knots}")
            return Curve(pts, params)
        arc = [0.0]
        for a, b in itertools.pairwise(pts):
            arc.append(arc[-1] + _dist(a, b))
        known: dict[int, float] = {0: 0.0, n - 1: 1.0}
        for i, k in enumerate(knots):
            if len(k) == 3:
                known[i] = float(k[2])
        anchors = sorted(known)
        params = [0.0] * len(pts)
        for ia, ib in itertools.pairwise(anchors):
            da, db = knot_index[ia], knot_index[ib]
            ta, tb = known[ia], known[ib]
            span = arc[db] - arc[da]
            for d in range(da, db + 1):
                frac = (arc[d] - arc[da]) / span if span > 0 else 0.0
                params[d] = ta + (tb - ta) * frac
        return Curve(pts, params)

    @staticmethod
    def line(a: Pt, b: Pt) -> Curve:
        return Curve([a, b], [0.0, 1.0])

    @staticmethod
    def point(a: Pt) -> Curve:
        return Curve([a, a], [0.0, 1.0])

    def at(self, t: float) -> Pt:
        t = min(max(t, 0.0), 1.0)
        i = bisect.bisect_right(self.params, t)
        if i <= 0:
            return self.pts[0]
        if i >= len(self.params):
            return self.pts[-1]
        ta, tb = self.params[i - 1], self.params[i]
        s = (t - ta) / (tb - ta) if tb > ta else 0.0
        return _lerp(self.pts[i - 1], self.pts[i], s)

    def t_at_y(self, y: float) -> float:
        """Parameter where the (y-monotone) curve reaches height y."""
        for i in range(1, len(self.pts)):
            ya, yb = self.pts[i - 1][1], self.pts[i][1]
            if (ya - y) * (yb - y) <= 0 and ya != yb:
                s = (y - ya) / (yb - ya)
                return self.params[i - 1] + (self.params[i] - self.params[i - 1]) * s
        raise ValueError(f"y={y} not on curve")

    def at_y(self, y: float) -> Pt:
        return self.at(self.t_at_y(y))

    def sub(self, t0: float, t1: float) -> Curve:
        if t0 > t1:
            return self.sub(t1, t0).rev()
        pts = [self.at(t0)]
        params = [0.0]
        for p, t in zip(self.pts, self.params, strict=True):
            if t0 < t < t1:
                pts.append(p)
                params.append((t - t0) / (t1 - t0))
        pts.append(self.at(t1))
        params.append(1.0)
        return Curve(pts, params)

    def suby(self, y0: float, y1: float) -> Curve:
        return self.sub(self.t_at_y(y0), self.t_at_y(y1))

    def rev(self) -> Curve:
        return Curve(self.pts[::-1], [1.0 - t for t in self.params[::-1]])

    def mirror(self) -> Curve:
        return Curve([_mirror_pt(p) for p in self.pts], self.params)

    def length(self) -> float:
        return sum(_dist(a, b) for a, b in zip(self.pts, self.pts[1:], strict=False))

    @staticmethod
    def join(curves: Sequence[Curve], weights: Sequence[float] | None = None) -> Curve:
        """Concatenate curves; each gets a share of the parameter (default: by length)."""
        w = list(weights) if weights is not None else [c.length() for c in curves]
        total = sum(w)
        pts: list[Pt] = []
        params: list[float] = []
        offset = 0.0
        for c, wi in zip(curves, w, strict=True):
            share = wi / total
            start = 1 if pts else 0
            for p, t in zip(c.pts[start:], c.params[start:], strict=True):
                pts.append(p)
                params.append(offset + share * t)
            offset += share
        params[-1] = 1.0
        return Curve(pts, params)


def symmetric(half: Curve) -> Curve:
    """A curve from the viewer's left across the midline, from its left half."""
    return Curve.join([half, half.mirror().rev()], [1.0, 1.0])


# --------------------------------------------------------------------------- patches


@dataclass(frozen=True)
class Patch:
    """Coons patch: left side u=0, right side u=1, top t=0, bottom t=1."""

    left: Curve
    right: Curve
    top: Curve
    bottom: Curve
    falloff: float = 1.0  # > 1 keeps the shape of the top and bottom edges near them

    @staticmethod
    def make(
        left: Curve,
        right: Curve,
        top: Curve | None = None,
        bottom: Curve | None = None,
        falloff: float = 1.0,
    ) -> Patch:
        top = top or Curve.line(left.at(0), right.at(0))
        bottom = bottom or Curve.line(left.at(1), right.at(1))
        for a, b in ((left.at(0), top.at(0)), (right.at(0), top.at(1))):
            if _dist(a, b) > 0.05:
                raise ValueError(f"patch corners do not meet: {a} {b}")
        for a, b in ((left.at(1), bottom.at(0)), (right.at(1), bottom.at(1))):
            if _dist(a, b) > 0.05:
                raise ValueError(f"patch corners do not meet: {a} {b}")
        return Patch(left, right, top, bottom, falloff)

    def at(self, u: float, t: float) -> Pt:
        lx, ly = self.left.at(t)
        rx, ry = self.right.at(t)
        tx, ty = self.top.at(u)
        bx, by = self.bottom.at(u)
        c00, c10 = self.top.at(0), self.top.at(1)
        c01, c11 = self.bottom.at(0), self.bottom.at(1)
        f0, f1 = (1 - t) ** self.falloff, t**self.falloff
        x = (
            (1 - u) * lx
            + u * rx
            + f0 * tx
            + f1 * bx
            - f0 * ((1 - u) * c00[0] + u * c10[0])
            - f1 * ((1 - u) * c01[0] + u * c11[0])
        )
        y = (
            (1 - u) * ly
            + u * ry
            + f0 * ty
            + f1 * by
            - f0 * ((1 - u) * c00[1] + u * c10[1])
            - f1 * ((1 - u) * c01[1] + u * c11[1])
        )
        return (x, y)

    def mirror(self) -> Patch:
        return Patch(
            self.left.mirror(),
            self.right.mirror(),
            self.top.mirror(),
            self.bottom.mirror(),
            self.falloff,
        )


# --------------------------------------------------------------------------- path output


def _fmt(v: float) -> str:
    s = f"{v:.1f}"
    if s.endswith(".0"):
        s = s[:-2]
    return "0" if s == "-0" else s


def _fp(p: Pt) -> str:
    return f"{_fmt(p[0])} {_fmt(p[1])}"


def _edge(patch: Patch, a: UV, b: UV) -> list[str]:
    """Path commands (without the start point) for the mapped parameter edge a -> b.

    The mapped edge is sampled densely, then approximated by cubic Beziers split at equal
    arc length with tangents taken from the samples (robust against uneven parameter speed).
    The construction is symmetric, so a shared edge drawn in the other direction by the
    neighbouring region gives exactly the same curve.
    """
    n = 160
    dense = [
        patch.at(a[0] + (b[0] - a[0]) * i / n, a[1] + (b[1] - a[1]) * i / n) for i in range(n + 1)
    ]
    arc = [0.0]
    for p, q in itertools.pairwise(dense):
        arc.append(arc[-1] + _dist(p, q))
    length = arc[-1]
    if length < 0.05:
        return []
    start, end = dense[0], dense[-1]
    chord = _dist(start, end)
    dev = 0.0
    if chord > 1e-9:
        for p in dense:
            cross = (end[0] - start[0]) * (p[1] - start[1]) - (end[1] - start[1]) * (
                p[0] - start[0]
            )
            dev = max(dev, abs(cross) / chord)
    if dev < 0.25 and chord > 0.5 * length:
        return [f"L{_fp(end)}"]

    def at_arc(s: float) -> Pt:
        s = min(max(s, 0.0), length)
        i = min(max(bisect.bisect_left(arc, s), 1), n)
        span = arc[i] - arc[i - 1]
        return _lerp(dense[i - 1], dense[i], (s - arc[i - 1]) / span if span > 0 else 0.0)

    delta = min(1.0, length / 20)

    def tangent(s: float) -> Pt:
        p, q = at_arc(max(s - delta, 0.0)), at_arc(min(s + delta, length))
        d = _dist(p, q)
        return ((q[0] - p[0]) / d, (q[1] - p[1]) / d) if d > 0 else (0.0, 0.0)

    k = max(1, math.ceil(length / 16))
    out: list[str] = []
    for i in range(k):
        s0, s1 = length * i / k, length * (i + 1) / k
        p0, p3 = at_arc(s0), at_arc(s1)
        d0, d1 = tangent(s0), tangent(s1)
        h = _dist(p0, p3) / 3
        c1 = (p0[0] + d0[0] * h, p0[1] + d0[1] * h)
        c2 = (p3[0] - d1[0] * h, p3[1] - d1[1] * h)
        out.append(f"C{_fp(c1)} {_fp(c2)} {_fp(p3)}")
    return out


def region_d(patch: Patch, poly: Sequence[UV], split_mid: bool = True) -> str:
    # Split edges that cross the midline u = 0.5: symmetric patches may have a crease there.
    verts: list[UV] = []
    for i, a in enumerate(poly):
        b = poly[(i + 1) % len(poly)]
        verts.append(a)
        if split_mid and (a[0] - 0.5) * (b[0] - 0.5) < 0:
            s = (0.5 - a[0]) / (b[0] - a[0])
            verts.append((0.5, a[1] + (b[1] - a[1]) * s))
    cmds = [f"M{_fp(patch.at(*verts[0]))}"]
    for i, a in enumerate(verts):
        b = verts[(i + 1) % len(verts)]
        cmds.extend(_edge(patch, a, b))
    if cmds[-1].startswith("L"):
        cmds.pop()  # the closing line is implied by Z
    return "".join(cmds) + "Z"


FULL: list[UV] = [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)]


def flip(poly: Sequence[UV]) -> list[UV]:
    """Mirror a parameter polygon of a symmetric patch across its midline u = 0.5."""
    return [(1.0 - u, t) for u, t in reversed(poly)]


def rect(u0: float, t0: float, u1: float, t1: float) -> list[UV]:
    return [(u0, t0), (u1, t0), (u1, t1), (u0, t1)]


def yscale(y0: float, y1: float) -> Callable[[float], float]:
    def ty(y: float) -> float:
        return (y - y0) / (y1 - y0)

    return ty


# --------------------------------------------------------------------------- geometry


class Body:
    """The shared geometry of both views (all curves drawn for the viewer's left)."""

    def __init__(self) -> None:
        # Head contour, top of the skull to the chin (parameter = normalised y).
        # The face is laid out on a 72-unit design grid (y 12..84) and drawn 70 units tall.
        def hy(p: Pt) -> Pt:
            return (p[0], 12 + (p[1] - 12) * 70 / 72)

        self.head_l = Curve.spline(
            [
                hy(p)
                for p in (
                    (120, 12),
                    (109, 13.5),
                    (101, 19),
                    (97, 28),
                    (95.5, 40),
                    (96, 50),
                    (97.5, 60),
                    (100, 68),
                    (104, 75),
                    (110, 80.5),
                    (116, 83.5),
                    (120, 84),
                )
            ],
            by_y=True,
        )
        self.ty_head = yscale(12, 84)
        self.head = Patch.make(self.head_l, self.head_l.mirror())
        # Ear: a lens on the side of the head.
        e0, e1 = self.ty_head(43), self.ty_head(62)
        p_top, p_bot = self.head_l.at(e0), self.head_l.at(e1)
        ear_out = Curve.spline(
            [p_top, *(hy(p) for p in ((90.5, 43), (88, 49), (88.5, 56), (92, 61.5))), p_bot]
        )
        self.ear = Patch.make(ear_out, self.head_l.sub(e0, e1))
        # Neck.
        jaw = self.head_l.at(self.ty_head(77))
        neck_side = Curve.spline([jaw, (106.5, 87), (105, 96)], by_y=True)
        neck_base = Curve.spline([(105, 96), (112, 99), (120, 100)])
        neck_top = Curve.join(
            [self.head_l.sub(self.ty_head(77), 1), self.head_l.mirror().sub(1, self.ty_head(77))],
            [1.0, 1.0],
        )
        self.neck = Patch.make(neck_side, neck_side.mirror(), neck_top, symmetric(neck_base))
        # Shoulder line (trapezius slope) and the torso top edge.
        self.a_pt: Pt = (86, 104)
        self.x_pt: Pt = (82, 134)
        shoulder = Curve.spline([(86, 104), (96, 100), (105, 96)]).rev()
        self.torso_top = symmetric(Curve.join([shoulder.rev(), neck_base]))
        # Where the arm meets the torso (front of the shoulder down to the armpit).
        self.junction = Curve.spline([self.a_pt, (85.5, 118), self.x_pt], by_y=True)
        # Outer silhouette from the armpit to the ankle, and the inner leg from the crotch.
        self.sil_out = Curve.spline(
            [
                self.x_pt,
                (83, 150),
                (85, 175),
                (88, 200),
                (89, 215),
                (87, 232),
                (84, 250),
                (79.5, 265),
                (76.5, 280),
                (76, 300),
                (78, 320),
                (82, 350),
                (86, 375),
                (88.5, 395),
                (89, 412),
                (89.5, 428),
                (87.5, 445),
                (88, 462),
                (91, 485),
                (94.5, 505),
                (95, 515),
                (95.5, 528),
            ],
            by_y=True,
        )
        self.crotch: Pt = (120, 292)
        self.sil_in = Curve.spline(
            [
                self.crotch,
                (118, 304),
                (116, 330),
                (114, 360),
                (112.5, 395),
                (112.5, 412),
                (113.5, 428),
                (115, 445),
                (115, 470),
                (114, 495),
                (115, 515),
                (115, 528),
            ],
            by_y=True,
        )
        # Leg segments shared by both views.
        self.knee = self.leg_patch(395, 428)
        self.shank = self.leg_patch(428, 515)
        self.ankle = self.leg_patch(515, 528)
        # Arm: lateral contour over the deltoid, medial contour from the armpit.
        arm_lat = Curve.spline(
            [
                (86, 104, 0.0),
                (75, 106),
                (64, 111),
                (56, 122),
                (53, 136),
                (53, 150, 0.22),
                (52, 178),
                (50, 208, 0.5),
                (48, 222, 0.58),
                (44, 248),
                (41, 270),
                (39, 282, 0.92),
                (38, 292, 1.0),
            ]
        )
        arm_med = Curve.spline(
            [
                (82, 134, 0.0),
                (80, 146, 0.22),
                (77, 165),
                (73, 190),
                (69, 208, 0.5),
                (67, 222, 0.58),
                (62, 245),
                (57, 270),
                (55, 282, 0.92),
                (54, 292, 1.0),
            ]
        )
        self.arm = Patch.make(arm_lat, arm_med, self.junction)
        # Hand: palm, thumb (on the lateral side) and the fingers as a mitten.
        palm_l = Curve.spline([(38, 292), (36.5, 300), (35.5, 311), (35, 322)], by_y=True)
        palm_r = Curve.spline([(54, 292), (55.5, 302), (56, 312), (55, 322)], by_y=True)
        self.palm = Patch.make(palm_l, palm_r)
        ty_palm = yscale(292, 322)
        t0, t1 = ty_palm(296), ty_palm(314)
        q0, q1 = palm_l.at(t0), palm_l.at(t1)
        thumb_out = Curve.spline([q0, (31, 300), (27.5, 309), (25.5, 319), (27, 328)])
        thumb_in = Curve.spline([q1, (32, 320), (29.5, 326), (27, 328)])
        self.thumb = Patch.make(thumb_out, thumb_in, palm_l.sub(t0, t1))
        fing_l = Curve.spline([(35, 322), (34.5, 333), (36, 344), (39, 352)])
        fing_r = Curve.spline([(55, 322), (55, 332), (53, 341), (50, 347)])
        fing_b = Curve.spline([(39, 352), (42, 355.5), (46.5, 353.5), (50, 347)])
        self.fingers = Patch.make(fing_l, fing_r, bottom=fing_b)

    def leg_patch(self, y0: float, y1: float) -> Patch:
        return Patch.make(self.sil_out.suby(y0, y1), self.sil_in.suby(y0, y1))


# --------------------------------------------------------------------------- views


@dataclass
class View:
    name: str
    near: str  # suffix of the person's side drawn on the viewer's left
    far: str
    regions: dict[str, str]  # region id -> path d
    outlines: list[str]

    def add(self, region: str, patch: Patch, poly: Sequence[UV], split_mid: bool = True) -> None:
        if region in self.regions:
            raise ValueError(f"duplicate region {region} on {self.name}")
        self.regions[region] = region_d(patch, poly, split_mid)

    def add_mid(self, region: str, patch: Patch, poly: Sequence[UV]) -> None:
        self.add(region, patch, poly)

    def add_pair_sym(self, base: str, patch: Patch, poly: Sequence[UV]) -> None:
        """Paired region on a symmetric (full-width) patch, given for the viewer's left."""
        self.add(base + self.near, patch, poly)
        self.add(base + self.far, patch, flip(poly))

    def add_pair_limb(self, base: str, patch: Patch, poly: Sequence[UV]) -> None:
        """Paired region on a limb patch drawn on the viewer's left (mirrored for the right)."""
        self.add(base + self.near, patch, poly, split_mid=False)
        self.add(base + self.far, patch.mirror(), poly, split_mid=False)

    def outline(self, patch: Patch, limb: bool = False) -> None:
        self.outlines.append(region_d(patch, FULL))
        if limb:
            self.outlines.append(region_d(patch.mirror(), FULL))


def head_and_neck(body: Body, v: View, front: bool) -> None:
    ty = body.ty_head
    v.outline(body.head)
    v.outline(body.ear, limb=True)
    v.outline(body.neck)
    v.add_mid("vertex", body.head, [(0, 0), (1, 0), (1, ty(22)), (0, ty(22))])
    v.add_pair_limb("ear", body.ear, FULL)
    if front:
        h = body.head
        v.add_pair_sym("temple", h, rect(0, ty(22), 0.18, ty(52)))
        v.add_pair_sym(
            "forehead",
            h,
            [(0.18, ty(22)), (0.5, ty(22)), (0.5, ty(52)), (0.44, ty(52)), (0.44, ty(40)),
             (0.18, ty(40))],
        )  # fmt: skip
        v.add_pair_sym("eye", h, rect(0.18, ty(40), 0.44, ty(52)))
        v.add_pair_sym("jaw_joint", h, rect(0, ty(52), 0.16, ty(64)))
        v.add_pair_sym(
            "cheek",
            h,
            [(0.18, ty(52)), (0.44, ty(52)), (0.5, ty(52)), (0.5, ty(60)), (0.34, ty(60)),
             (0.34, ty(64)), (0.16, ty(64)), (0.16, ty(52))],
        )  # fmt: skip
        v.add_pair_sym("teeth_upper", h, rect(0.34, ty(60), 0.5, ty(66)))
        v.add_pair_sym("teeth_lower", h, rect(0.34, ty(66), 0.5, ty(72)))
        v.add_pair_sym(
            "jaw_lower",
            h,
            [(0, ty(64)), (0.16, ty(64)), (0.34, ty(64)), (0.34, ty(72)), (0.5, ty(72)), (0.5, 1),
             (0, 1)],
        )  # fmt: skip
        v.add_pair_sym("neck_anterior", body.neck, rect(0, 0, 0.3, 1))
        v.add_mid("throat", body.neck, rect(0.3, 0, 0.7, 1))
    else:
        v.add_pair_sym("occiput", body.head, rect(0, ty(22), 0.5, 1))
        v.add_pair_sym("neck_posterior", body.neck, rect(0, 0, 0.5, 1))


def arm_and_hand(body: Body, v: View, front: bool) -> None:
    for p in (body.arm, body.palm, body.thumb, body.fingers):
        v.outline(p, limb=True)
    arm = body.arm
    v.add_pair_limb("shoulder_lateral", arm, rect(0, 0, 0.4, 0.22))
    if front:
        v.add_pair_limb("shoulder_front", arm, rect(0.4, 0, 1, 0.22))
        v.add_pair_limb("arm_anterior", arm, rect(0, 0.22, 0.62, 0.5))
        v.add_pair_limb("arm_medial", arm, rect(0.62, 0.22, 1, 0.5))
        v.add_pair_limb("elbow_lateral", arm, rect(0, 0.5, 0.5, 0.58))
        v.add_pair_limb("elbow_medial", arm, rect(0.5, 0.5, 1, 0.58))
        v.add_pair_limb("forearm_anterior", arm, rect(0, 0.58, 1, 0.92))
        v.add_pair_limb("wrist_palmar", arm, rect(0, 0.92, 1, 1))
        v.add_pair_limb("hand_palmar", body.palm, FULL)
    else:
        v.add_pair_limb("shoulder_back", arm, rect(0.4, 0, 1, 0.22))
        v.add_pair_limb("arm_posterior", arm, rect(0, 0.22, 1, 0.5))
        v.add_pair_limb("elbow_lateral", arm, rect(0, 0.5, 0.3, 0.58))
        v.add_pair_limb("elbow_posterior", arm, rect(0.3, 0.5, 0.7, 0.58))
        v.add_pair_limb("elbow_medial", arm, rect(0.7, 0.5, 1, 0.58))
        v.add_pair_limb("forearm_posterior", arm, rect(0, 0.58, 1, 0.92))
        v.add_pair_limb("wrist_dorsal", arm, rect(0, 0.92, 1, 1))
        v.add_pair_limb("hand_dorsal", body.palm, FULL)
    v.add_pair_limb("thumb", body.thumb, FULL)
    v.add_pair_limb("fingers_radial", body.fingers, rect(0, 0, 0.5, 1))
    v.add_pair_limb("fingers_ulnar", body.fingers, rect(0.5, 0, 1, 1))


def lower_leg(body: Body, v: View, front: bool) -> None:
    for p in (body.knee, body.shank, body.ankle):
        v.outline(p, limb=True)
    v.add_pair_limb("knee_lateral", body.knee, rect(0, 0, 0.25, 1))
    v.add_pair_limb("ankle_lateral", body.ankle, rect(0, 0, 0.3, 1))
    v.add_pair_limb("ankle_medial", body.ankle, rect(0.7, 0, 1, 1))
    if front:
        v.add_pair_limb("knee_anterior", body.knee, rect(0.25, 0, 0.72, 1))
        v.add_pair_limb("knee_medial", body.knee, rect(0.72, 0, 1, 1))
        v.add_pair_limb("leg_lateral", body.shank, rect(0, 0, 0.3, 1))
        v.add_pair_limb("shin", body.shank, rect(0.3, 0, 1, 1))
        v.add_pair_limb("ankle_anterior", body.ankle, rect(0.3, 0, 0.7, 1))
        foot = Patch.make(
            Curve.spline([(95.5, 528), (91.5, 537), (89, 545)]),
            Curve.spline([(115, 528), (117, 537), (118, 545)]),
            bottom=Curve.spline([(89, 545), (92, 549.5), (103, 551), (113, 550), (118, 545)]),
        )
        v.outline(foot, limb=True)
        v.add_pair_limb("foot_dorsum", foot, rect(0, 0, 1, 0.45))
        v.add_pair_limb("toes_lesser", foot, rect(0, 0.45, 0.6, 1))
        v.add_pair_limb("big_toe", foot, rect(0.6, 0.45, 1, 1))
    else:
        v.add_pair_limb("knee_posterior", body.knee, rect(0.25, 0, 1, 1))
        v.add_pair_limb("leg_lateral", body.shank, rect(0, 0, 0.25, 1))
        v.add_pair_limb("calf_upper", body.shank, rect(0.25, 0, 1, 0.45))
        v.add_pair_limb("calf_lower", body.shank, rect(0.25, 0.45, 1, 1))
        v.add_pair_limb("achilles", body.ankle, rect(0.3, 0, 0.7, 1))
        foot = Patch.make(
            Curve.spline([(95.5, 528), (94, 535), (94, 541), (92, 546)]),
            Curve.spline([(115, 528), (116.5, 535), (116.5, 541), (118, 546)]),
            bottom=Curve.spline([(92, 546), (98, 549.5), (105, 550.5), (112, 549.5), (118, 546)]),
        )
        v.outline(foot, limb=True)
        v.add_pair_limb("heel", foot, rect(0, 0, 1, 0.6))
        v.add_pair_limb("sole", foot, rect(0, 0.6, 1, 1))


def front_view(body: Body) -> View:
    v = View("front", "_r", "_l", {}, [])
    head_and_neck(body, v, front=True)
    arm_and_hand(body, v, front=True)
    # Torso: shoulders to the hip line (y = 250).
    hip = body.sil_out.at_y(250)
    side = Curve.join([body.junction, body.sil_out.suby(134, 250)], [30, 116])
    torso = Patch.make(side, side.mirror(), body.torso_top, falloff=2.5)
    v.outline(torso)
    ty = yscale(104, 250)
    v.add_pair_sym(
        "chest_upper",
        torso,
        [(0, 0), (0.42, 0), (0.42, ty(170)), (0.15, ty(170)), (0.15, ty(126)), (0, ty(126))],
    )
    v.add_pair_sym("axilla", torso, rect(0, ty(126), 0.15, ty(150)))
    v.add_pair_sym("chest_lateral", torso, rect(0, ty(150), 0.15, ty(190)))
    v.add_pair_sym("flank", torso, rect(0, ty(190), 0.15, 1))
    v.add_mid("sternum", torso, rect(0.42, 0, 0.58, ty(170)))
    v.add_pair_sym("abdomen_upper", torso, rect(0.15, ty(170), 0.5, ty(200)))
    v.add_mid("abdomen_periumbilical", torso, rect(0.36, ty(200), 0.64, ty(226)))
    v.add_pair_sym(
        "abdomen_lower",
        torso,
        [(0.15, ty(200)), (0.36, ty(200)), (0.36, ty(226)), (0.5, ty(226)), (0.5, 1), (0.15, 1)],
    )
    # Pelvis: the triangle between the hip line and the two groin creases.
    crease = Curve.spline([hip, (97, 266), (110, 281), body.crotch])
    pelvis = Patch.make(
        Curve.point(hip),
        Curve.point(_mirror_pt(hip)),
        Curve.line(hip, _mirror_pt(hip)),
        symmetric(crease),
    )
    v.outline(pelvis)
    v.add_pair_sym("groin", pelvis, [(0, 0), (0.34, 0), (0.42, 0.5), (0.45, 1), (0, 1)])
    v.add_mid("suprapubic", pelvis, [(0.34, 0), (0.66, 0), (0.596, 0.4), (0.404, 0.4)])
    v.add_mid(
        "pubic_bone",
        pelvis,
        [(0.404, 0.4), (0.596, 0.4), (0.58, 0.5), (0.574, 0.6), (0.426, 0.6), (0.42, 0.5)],
    )
    v.add_mid("genital", pelvis, [(0.426, 0.6), (0.574, 0.6), (0.55, 1), (0.45, 1)])
    # Thigh: from the groin crease to the knee.
    thigh = Patch.make(body.sil_out.suby(250, 395), body.sil_in.suby(292, 395), crease)
    v.outline(thigh, limb=True)
    v.add_pair_limb("hip_lateral", thigh, rect(0, 0, 0.25, 0.25))
    v.add_pair_limb("thigh_lateral", thigh, rect(0, 0.25, 0.25, 1))
    v.add_pair_limb("thigh_anterior_upper", thigh, rect(0.25, 0, 0.7, 0.5))
    v.add_pair_limb("thigh_anterior_lower", thigh, rect(0.25, 0.5, 0.7, 1))
    v.add_pair_limb("thigh_medial", thigh, rect(0.7, 0, 1, 1))
    lower_leg(body, v, front=True)
    return v


def back_view(body: Body) -> View:
    v = View("back", "_l", "_r", {}, [])
    head_and_neck(body, v, front=False)
    arm_and_hand(body, v, front=False)
    # Back: shoulders down to the gluteal folds.
    fold_start = body.sil_out.at_y(302)
    fold = Curve.spline([fold_start, (90, 307), (106, 306), (115, 300.5), body.crotch])
    side = Curve.join([body.junction, body.sil_out.suby(134, 302)], [30, 168])
    torso = Patch.make(side, side.mirror(), body.torso_top, symmetric(fold), falloff=2.5)
    v.outline(torso)
    ty = yscale(104, 302)
    v.add_pair_sym("shoulder_top", torso, rect(0, 0, 0.38, ty(117)))
    v.add_pair_sym(
        "interscapular",
        torso,
        [(0.38, 0), (0.5, 0), (0.5, ty(165)), (0.32, ty(165)), (0.32, ty(117)), (0.38, ty(117))],
    )
    v.add_pair_sym(
        "scapula",
        torso,
        [(0, ty(117)), (0.32, ty(117)), (0.32, ty(178)), (0.15, ty(178)), (0.15, ty(150)),
         (0, ty(150))],
    )  # fmt: skip
    v.add_pair_sym("chest_lateral", torso, rect(0, ty(150), 0.15, ty(190)))
    v.add_pair_sym("thoracic_paraspinal", torso, rect(0.32, ty(165), 0.5, ty(198)))
    v.add_pair_sym(
        "thoracolumbar",
        torso,
        [(0.15, ty(178)), (0.32, ty(178)), (0.32, ty(198)), (0.5, ty(198)), (0.5, ty(216)),
         (0.28, ty(216)), (0.28, ty(235)), (0.15, ty(230))],
    )  # fmt: skip
    v.add_pair_sym("flank", torso, [(0, ty(190)), (0.15, ty(190)), (0.15, ty(230)), (0, ty(224))])
    v.add_pair_sym(
        "lumbar_paraspinal",
        torso,
        [(0.28, ty(216)), (0.5, ty(216)), (0.5, ty(236)), (0.40, ty(236)), (0.30, ty(241)),
         (0.28, ty(235))],
    )  # fmt: skip
    v.add_pair_sym(
        "iliac_crest",
        torso,
        [(0, ty(224)), (0.15, ty(230)), (0.28, ty(235)), (0.30, ty(241)), (0.315, ty(250.5)),
         (0.15, ty(241)), (0, ty(234))],
    )  # fmt: skip
    v.add_pair_sym(
        "sacroiliac",
        torso,
        [(0.30, ty(241)), (0.40, ty(236)), (0.4467, ty(256)), (0.33, ty(260)), (0.315, ty(250.5))],
    )
    v.add_mid(
        "sacrum",
        torso,
        [(0.40, ty(236)), (0.60, ty(236)), (0.5533, ty(256)), (0.535, ty(266)), (0.465, ty(266)),
         (0.4467, ty(256))],
    )  # fmt: skip
    v.add_mid(
        "coccyx", torso, [(0.465, ty(266)), (0.535, ty(266)), (0.56, ty(278)), (0.44, ty(278))]
    )
    v.add_mid("perineum", torso, [(0.44, ty(278)), (0.56, ty(278)), (0.57, 1), (0.43, 1)])
    # The buttock in three bands; the middle one lies within the upper and lower buttock
    # of the coarser vocabulary (regions.yaml), its inner edge on the sacrum and coccyx.
    v.add_pair_sym(
        "buttock_upper",
        torso,
        [(0.15, ty(241)), (0.315, ty(250.5)), (0.33, ty(260)), (0.4467, ty(256)),
         (0.4577, ty(262)), (0.15, ty(262))],
    )  # fmt: skip
    v.add_pair_sym(
        "buttock_middle",
        torso,
        [(0.15, ty(262)), (0.4577, ty(262)), (0.465, ty(266)), (0.4442, ty(276)), (0.15, ty(276))],
    )
    v.add_pair_sym(
        "buttock_lower",
        torso,
        [(0.15, ty(276)), (0.4442, ty(276)), (0.44, ty(278)), (0.43, 1), (0.15, 1)],
    )
    v.add_pair_sym("hip_lateral", torso, [(0, ty(234)), (0.15, ty(241)), (0.15, 1), (0, 1)])
    thigh = Patch.make(body.sil_out.suby(302, 395), body.sil_in.suby(292, 395), fold)
    v.outline(thigh, limb=True)
    v.add_pair_limb("thigh_lateral", thigh, rect(0, 0, 0.22, 1))
    # The back of the thigh is drawn as its two halves (both within thigh_posterior).
    v.add_pair_limb("thigh_posterior_upper", thigh, rect(0.22, 0, 1, 0.5))
    v.add_pair_limb("thigh_posterior_lower", thigh, rect(0.22, 0.5, 1, 1))
    lower_leg(body, v, front=False)
    return v


# --------------------------------------------------------------------------- SVG


def render(v: View) -> str:
    left, right = ("R", "L") if v.name == "front" else ("L", "R")
    lines = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH:.0f} {HEIGHT:.0f}" '
        f'class="bodymap bodymap-{v.name}" data-view="{v.name}">',
        f'  <g class="outline" aria-hidden="true" fill="{OUTLINE_FILL}" stroke="{OUTLINE_STROKE}" '
        'stroke-width="1.6" stroke-linejoin="round">',
    ]
    lines += [f'    <path d="{d}"/>' for d in v.outlines]
    lines += ["  </g>", '  <g class="regions">']
    for region in sorted(v.regions):
        lines.append(
            f'    <path class="region" id="{v.name}-{region}" data-region="{region}" '
            f'fill="{REGION_FILL}" stroke="{REGION_STROKE}" stroke-width="0.6" '
            f'stroke-linejoin="round" d="{v.regions[region]}"/>'
        )
    lines += [
        "  </g>",
        '  <g class="side-label" aria-hidden="true" fill="#8f7d71" font-family="sans-serif" '
        'font-size="12" font-weight="bold" text-anchor="middle">',
        f'    <text x="72" y="548">{left}</text>',
        f'    <text x="168" y="548">{right}</text>',
        "  </g>",
        "</svg>",
    ]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    body = Body()
    views = [front_view(body), back_view(body)]
    for v in views:
        args.out.mkdir(parents=True, exist_ok=True)
        path = args.out / f"{v.name}.svg"
        path.write_text(render(v), encoding="utf-8")
        print(f"wrote {path} ({len(v.regions)} regions, {path.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
