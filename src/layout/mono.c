/* Black-and-white printing (jb_dl_mono): GB/T 9704 documents are printed in
 * black, with red only for the 红头 and its rule, so colours become greys, and
 * chart series that colour alone told apart get hatchings and dash lengths. */
#include <string.h>

#include "jianbao/layout.h"

/* Fill grey and hatching per series; light enough that hatch lines show, far
 * enough apart to stay distinct after a photocopy. */
static const struct {
  float grey;
  int hatch;
  float dash; /* for strokes (lines of a line chart) */
} SERIES[8] = {{0.25f, JB_HATCH_NONE, 0},     {0.80f, JB_HATCH_DIAG, 4},  {0.55f, JB_HATCH_NONE, 1.5f},
               {1.00f, JB_HATCH_CROSS, 6},    {0.90f, JB_HATCH_HORIZ, 2}, {0.65f, JB_HATCH_BACK, 8},
               {1.00f, JB_HATCH_VERT, 3},     {0.40f, JB_HATCH_DIAG, 5}};

static int same(jb_rgb a, jb_rgb b) {
  return (a.r - b.r) * (a.r - b.r) + (a.g - b.g) * (a.g - b.g) + (a.b - b.b) * (a.b - b.b) < 1e-6f;
}

static jb_rgb grey(float v) { return (jb_rgb){v, v, v}; }

/* Luminance (Rec. 601) as a grey; text darker than mid-grey prints black. */
static jb_rgb to_grey(jb_rgb c, int text) {
  float y = 0.299f * c.r + 0.587f * c.g + 0.114f * c.b;
  if (text) return grey(y < 0.6f ? 0 : y);
  return grey(y);
}

void jb_dl_mono(jb_dl *dl, const jb_rgb *chart, int n_chart, jb_rgb keep) {
  for (size_t i = 0; i < dl->n_items; i++) {
    jb_dl_item *it = &dl->items[i];
    if (it->kind == JB_DL_LINK || it->kind == JB_DL_URI || it->kind == JB_DL_IMAGE) continue;
    jb_rgb c = it->color;
    if (same(c, keep) || (c.r == c.g && c.g == c.b)) continue;
    int k = -1;
    for (int s = 0; s < n_chart && s < 8 && k < 0; s++)
      if (same(c, chart[s])) k = s;
    int filled = it->kind == JB_DL_RECT || (it->kind == JB_DL_PATH && it->fill);
    if (k >= 0 && filled) {
      it->color = grey(SERIES[k].grey);
      it->hatch = SERIES[k].hatch;
    } else if (k >= 0 && it->kind != JB_DL_TEXT) {
      it->color = grey(k ? 0.35f : 0);
      if (it->dash <= 0) it->dash = SERIES[k].dash;
    } else {
      it->color = to_grey(c, it->kind == JB_DL_TEXT || !filled);
    }
  }
}
