/* Page builder: running headers and footers, the closing 报/送/发 block, image sizes. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "layout/page_imp.h"

/* ---- Running header and footer ---------------------------------------------- */

/* A band's text: its em box centred `offset` outside the type area (the dashes
 * of "— n —" sit on that line, as GB/T 9704 measures them). */
static void draw_band(builder *B, const jb_tpl_band *band, jb_role r, int page, const char *section, int footer) {
  if (page == 0 && band->first_hidden) return;
  if (B->bare_from >= 0 && page >= B->bare_from) return;
  int slot = page == 0 ? JB_BAND_FIRST : (page % 2 == 1 ? JB_BAND_EVEN : JB_BAND_ODD);
  const char *pats[3] = {band->left[slot], band->center[slot], band->right[slot]};
  if (!pats[0] && !pats[1] && !pats[2]) return;
  const jb_meta *m = &B->b->meta;
  char issue[32] = "";
  if (m->issue_text) snprintf(issue, sizeof issue, "%s", m->issue_text);
  else if (m->issue > 0) snprintf(issue, sizeof issue, "%ld", m->issue);
  jb_tpl_fields f = {m->title, section, m->date, m->issuer, issue, page + 1, (long)B->n_pages, m->issue_total, m->print_count};
  jb_text_style st = page_style(B, r);
  st.indent = 0, st.align = JB_ALIGN_LEFT, st.pitch = st.size;
  double x0 = page_x0(B, page), inset = band->inset * st.size;
  double area_top = page_top(B), area_bot = area_top - B->H;
  double yc = footer ? area_bot - band->offset : area_top + band->offset;
  jb_buf b;
  jb_buf_init(&b, B->ctx);
  for (int k = 0; k < 3; k++) {
    if (!pats[k]) continue;
    b.len = 0;
    jb_template_expand(pats[k], &f, &b);
    if (!b.len) continue;
    jb_textblock *tb;
    if (jb_textblock_str(B->ctx, B->fonts, b.data, &st, 0, &tb)) {
      jb_ctx_clear_error(B->ctx);
      continue;
    }
    double w = jb_textblock_width(tb);
    double x = k == 0 ? x0 + inset : k == 1 ? x0 + (B->AW - w) / 2 : x0 + B->AW - inset - w;
    jb_textblock_draw(tb, B->dl, x, yc + st.size / 2, 0, 1);
    jb_textblock_free(tb);
  }
  jb_buf_fini(&b);
  if (band->rule > 0) {
    double ry = footer ? yc + st.size / 2 + 3 : yc - st.size / 2 - 3;
    jb_dl_add_line(B->dl, (float)x0, (float)ry, (float)(x0 + B->AW), (float)ry, (float)band->rule, B->t->colors.rule);
  }
}

void page_draw_bands(builder *B, int page, const char *section) {
  draw_band(B, &B->t->header, JB_ROLE_HEADER, page, section, 0);
  draw_band(B, &B->t->footer, JB_ROLE_FOOTER, page, section, 1);
}

/* ---- 报/送/发 (版记) on the last page, its last rule on the type-area bottom ---- */

#define MAX_ROWS 8

typedef struct closing {
  jb_textblock *left[MAX_ROWS], *right[MAX_ROWS];
  double h[MAX_ROWS];
  int n;
} closing;

static void closing_fini(builder *B, obj *o) {
  closing *c = o->data;
  if (!c) return;
  for (int i = 0; i < c->n; i++) jb_textblock_free(c->left[i]), jb_textblock_free(c->right[i]);
  jb_free(B->ctx, c);
  o->data = NULL;
}

static jb_status entry_row(builder *B, closing *c, const char *label, const jb_strlist *l, double inset) {
  if (!l->n || !label || c->n >= MAX_ROWS) return JB_OK;
  jb_buf b;
  jb_buf_init(&b, B->ctx);
  jb_buf_adds(&b, label);
  for (size_t i = 0; i < l->n; i++) jb_buf_printf(&b, "%s%s", i ? "，" : "", l->items[i]);
  jb_buf_adds(&b, "。");
  jb_text_style st = page_style(B, JB_ROLE_DISTRIBUTION);
  st.indent = 0, st.align = JB_ALIGN_JUSTIFY;
  st.hanging = jb_text_width(B->ctx, B->fonts, label, st.stack, st.size);
  jb_status s = jb_textblock_str(B->ctx, B->fonts, b.data, &st, B->AW - 2 * inset, &c->left[c->n]);
  jb_buf_fini(&b);
  if (!s) c->h[c->n] = jb_textblock_height(c->left[c->n]), c->n++;
  return s;
}

static jb_status edge_row(builder *B, closing *c, const char *left, const char *right) {
  if ((!left || !*left) && (!right || !*right)) return JB_OK;
  if (c->n >= MAX_ROWS) return JB_OK;
  jb_text_style st = page_style(B, JB_ROLE_DISTRIBUTION);
  st.indent = 0, st.align = JB_ALIGN_LEFT;
  jb_status s = JB_OK;
  if (left && *left) s = jb_textblock_str(B->ctx, B->fonts, left, &st, 0, &c->left[c->n]);
  if (!s && right && *right) s = jb_textblock_str(B->ctx, B->fonts, right, &st, 0, &c->right[c->n]);
  if (!s) c->h[c->n++] = st.pitch;
  return s;
}

static jb_status closing_rows(builder *B, closing *c) {
  const jb_meta *m = &B->b->meta;
  const jb_layout_template *t = B->t;
  double inset = t->closing.inset * page_style(B, JB_ROLE_DISTRIBUTION).size;
  jb_status s = entry_row(B, c, t->closing.report_label, &m->report_to, inset);
  if (!s) s = entry_row(B, c, t->closing.send_label, &m->send_to, inset);
  if (!s) s = entry_row(B, c, t->closing.issue_label, &m->issue_to, inset);
  if (!s) s = entry_row(B, c, t->closing.cc_label, &m->cc, inset);
  jb_buf date, count;
  jb_buf_init(&date, B->ctx), jb_buf_init(&count, B->ctx);
  const char *pdate = m->print_date ? m->print_date : m->date;
  if (pdate && jb_date_zh(pdate, &date)) jb_buf_adds(&date, "印发");
  if (m->print_count > 0 && t->closing.print_count_format) {
    jb_tpl_fields f;
    memset(&f, 0, sizeof f);
    f.count = m->print_count;
    jb_template_expand(t->closing.print_count_format, &f, &count);
  }
  if (!s && c->n) s = edge_row(B, c, m->printer ? m->printer : m->issuer, date.data);
  if (!s && c->n) s = edge_row(B, c, NULL, count.data);
  jb_buf_fini(&date), jb_buf_fini(&count);
  return s;
}

static double ink_bottom(const builder *B, int page) {
  double low = 0;
  for (size_t i = 0; i < B->n_pcs; i++) {
    const piece *p = &B->pcs[i];
    if (p->page != page || p->kind == P_GLUE) continue;
    double b = p->y + p->h - p->pad_bot - B->page_origin[page];
    if (b > low) low = b;
  }
  return low;
}

jb_status page_closing_prepare(builder *B) {
  if (!B->t->closing.show) return JB_OK;
  int o = page_add_obj(B, NULL);
  closing *c = jb_calloc(B->ctx, 1, sizeof *c);
  B->objs[o].data = c;
  B->objs[o].fini = closing_fini;
  jb_status s = closing_rows(B, c);
  if (s || !c->n) return s;
  double h = 0;
  for (int i = 0; i < c->n; i++) h += c->h[i];
  B->closing_obj = o, B->closing_h = h;
  int last = (int)B->n_pages - 1, at = last;
  if (ink_bottom(B, last) + B->P > B->H - h + 0.01 || page_foot_height(B, last) > 0) at++; /* no room */
  /* GB/T 9704 prints on both sides: the 版记 closes the back of the last leaf, an even
   * page (index odd); a blank page before it when the body ends on an even page. */
  if (at % 2 == 0) at++;
  if (at > last) {
    B->page_origin = jb_grow(B->ctx, B->page_origin, &B->cap_pages, (size_t)at + 1, sizeof(double));
    for (int p = last + 1; p <= at; p++) B->page_origin[p] = 0;
    B->n_pages = (size_t)at + 1;
    B->bare_from = last + 1; /* a blank page and a 版记 page alone are not numbered */
  }
  B->closing_page = at;
  return JB_OK;
}

void page_closing_draw(builder *B, int page) {
  const jb_layout_template *t = B->t;
  closing *c = B->objs[B->closing_obj].data;
  double x0 = page_x0(B, page), bottom = page_top(B) - B->H;
  double inset = t->closing.inset * page_style(B, JB_ROLE_DISTRIBUTION).size;
  double y = bottom + B->closing_h;
  jb_rgb black = t->colors.text;
  for (int i = 0; i < c->n; i++) {
    double lw = i == 0 ? t->closing.thick : t->closing.thin;
    jb_dl_add_line(B->dl, (float)x0, (float)y, (float)(x0 + B->AW), (float)y, (float)lw, black);
    if (c->left[i]) jb_textblock_draw(c->left[i], B->dl, x0 + inset, y, 0, 99);
    if (c->right[i]) {
      double w = jb_textblock_width(c->right[i]);
      jb_textblock_draw(c->right[i], B->dl, x0 + B->AW - inset - w, y, 0, 1);
    }
    y -= c->h[i];
  }
  /* the last rule lies on the type-area bottom, inside it */
  double lw = t->closing.thick;
  jb_dl_add_line(B->dl, (float)x0, (float)(bottom + lw / 2), (float)(x0 + B->AW), (float)(bottom + lw / 2), (float)lw, black);
}

/* ---- Image sizes (PNG IHDR, JPEG SOFn) ------------------------------------------ */

static unsigned be16(const unsigned char *p) { return (unsigned)p[0] << 8 | p[1]; }
static unsigned long be32(const unsigned char *p) {
  return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 | p[3];
}

static int jpeg_size(const unsigned char *d, size_t n, int *w, int *h) {
  size_t i = 2;
  while (i + 9 < n) {
    if (d[i] != 0xFF) return 0;
    unsigned char mk = d[i + 1];
    if (mk == 0xFF) {
      i++;
      continue;
    }
    unsigned len = be16(d + i + 2);
    int sof = mk >= 0xC0 && mk <= 0xCF && mk != 0xC4 && mk != 0xC8 && mk != 0xCC;
    if (sof) {
      *h = (int)be16(d + i + 5), *w = (int)be16(d + i + 7);
      return *w > 0 && *h > 0;
    }
    i += 2 + len;
  }
  return 0;
}

jb_status page_image_size(jb_ctx *ctx, const char *path, int *w, int *h, int *jpeg) {
  char *data;
  size_t n;
  jb_status s = jb_read_file(ctx, path, &data, &n);
  if (s) return s;
  const unsigned char *d = (const unsigned char *)data;
  int ok = 0;
  *jpeg = 0;
  if (n >= 24 && !memcmp(d, "\x89PNG\r\n\x1a\n", 8) && !memcmp(d + 12, "IHDR", 4)) {
    *w = (int)be32(d + 16), *h = (int)be32(d + 20);
    ok = *w > 0 && *h > 0 && *w < 100000 && *h < 100000;
  } else if (n >= 4 && d[0] == 0xFF && d[1] == 0xD8) {
    *jpeg = 1;
    ok = jpeg_size(d, n, w, h);
  }
  jb_free(ctx, data);
  return ok ? JB_OK : jb_fail(ctx, JB_ERR_INPUT, (jb_loc){path, 0, 0, -1, NULL}, "not a PNG or JPEG image");
}
