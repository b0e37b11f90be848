/* Page builder: the masthead / title block on page 1 and the 数据来源 list at the end. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "jianbao/digest.h"
#include "layout/page_imp.h"

/* ---- Masthead (报头) -------------------------------------------------------- */

enum { M_MARK, M_NAME, M_ISSUE, M_ISSUER, M_DATE };

static void draw_masthead(builder *B, obj *o, const piece *p, double x, double y_top) {
  (void)p;
  const jb_layout_template *t = B->t;
  double y = y_top;
  if (o->aux[M_MARK]) {
    jb_textblock_draw(o->aux[M_MARK], B->dl, x, y, 0, 1);
    y -= jb_textblock_height(o->aux[M_MARK]);
  }
  jb_textblock_draw(o->aux[M_NAME], B->dl, x, y, 0, 99);
  y -= jb_textblock_height(o->aux[M_NAME]) + page_sp(B, t->roles[JB_ROLE_MASTHEAD].space_after);
  if (o->aux[M_ISSUE]) { /* a single line, centred here */
    jb_textblock_draw(o->aux[M_ISSUE], B->dl, x + (B->W - jb_textblock_width(o->aux[M_ISSUE])) / 2, y, 0, 1);
    y -= jb_textblock_height(o->aux[M_ISSUE]) + page_sp(B, t->roles[JB_ROLE_ISSUE].space_after);
  }
  if (o->aux[M_ISSUER]) jb_textblock_draw(o->aux[M_ISSUER], B->dl, x, y, 0, 1);
  if (o->aux[M_DATE]) {
    double dw = jb_textblock_width(o->aux[M_DATE]);
    jb_textblock_draw(o->aux[M_DATE], B->dl, x + B->AW - dw, y, 0, 1);
  }
  /* the red rule: full type-area width, its centre o->w below the top */
  double ry = y_top - o->w;
  jb_dl_add_line(B->dl, (float)x, (float)ry, (float)(x + B->AW), (float)ry, (float)t->masthead.rule_width,
                 t->colors.masthead);
}

static void issue_text(builder *B, jb_buf *out) {
  const jb_meta *m = &B->b->meta;
  char num[32];
  if (m->issue_text) snprintf(num, sizeof num, "%s", m->issue_text);
  else if (m->issue > 0) snprintf(num, sizeof num, "%ld", m->issue);
  else return;
  jb_tpl_fields f;
  memset(&f, 0, sizeof f);
  f.issue = num;
  f.issue_total = m->issue_total;
  jb_template_expand(B->t->masthead.issue_format, &f, out);
  if (m->issue_total > 0 && B->t->masthead.issue_total_format)
    jb_template_expand(B->t->masthead.issue_total_format, &f, out);
}

static jb_status line_tb(builder *B, const char *s, jb_role r, jb_align align, double width, jb_textblock **out) {
  jb_text_style st = page_style(B, r);
  st.indent = 0, st.align = align;
  return jb_textblock_str(B->ctx, B->fonts, s, &st, width, out);
}

static jb_status add_masthead(builder *B) {
  const jb_meta *m = &B->b->meta;
  const jb_layout_template *t = B->t;
  int o = page_add_obj(B, draw_masthead);
  jb_textblock **a = B->objs[o].aux;
  jb_status s = JB_OK;
  if (m->marking) s = line_tb(B, m->marking, JB_ROLE_MARKING, JB_ALIGN_LEFT, 0, &a[M_MARK]);
  if (!s) s = page_text(B, m->masthead ? m->masthead : m->title, JB_ROLE_MASTHEAD, B->W, &a[M_NAME]);
  jb_buf b;
  jb_buf_init(&b, B->ctx);
  issue_text(B, &b);
  /* 期号 and date follow one rule: single lines, figures set solid beside Han
   * (第12期, 2025年4月7日), as GB/T 9704 prints numbers in the 版头 */
  if (!s && b.len) s = line_tb(B, b.data, JB_ROLE_ISSUE, JB_ALIGN_LEFT, 0, &a[M_ISSUE]);
  b.len = 0;
  if (m->issuer) { /* 编发单位, then 编 where the style wants it (unless already there) */
    const char *sfx = t->masthead.issuer_suffix;
    size_t n = strlen(m->issuer), k = sfx ? strlen(sfx) : 0;
    jb_buf_adds(&b, m->issuer);
    if (k && (n < k || strcmp(m->issuer + n - k, sfx))) jb_buf_adds(&b, sfx);
  }
  if (!s && b.len) s = line_tb(B, b.data, JB_ROLE_ISSUER, JB_ALIGN_LEFT, 0, &a[M_ISSUER]);
  b.len = 0;
  if (!s && m->date && jb_date_zh(m->date, &b)) s = line_tb(B, b.data, JB_ROLE_ISSUER, JB_ALIGN_LEFT, 0, &a[M_DATE]);
  jb_buf_fini(&b);
  if (s) return s;
  double h = (a[M_MARK] ? jb_textblock_height(a[M_MARK]) : 0) + jb_textblock_height(a[M_NAME]) +
             page_sp(B, t->roles[JB_ROLE_MASTHEAD].space_after);
  if (a[M_ISSUE]) h += jb_textblock_height(a[M_ISSUE]) + page_sp(B, t->roles[JB_ROLE_ISSUE].space_after);
  if (a[M_ISSUER] || a[M_DATE])
    h += jb_textblock_height(a[M_ISSUER] ? a[M_ISSUER] : a[M_DATE]);
  h += t->masthead.rule_gap;
  if (t->masthead.height > 0) h = t->masthead.height;
  B->objs[o].w = h; /* the rule's centre below the top */
  B->objs[o].h = h + t->masthead.rule_width / 2;
  page_add_piece(B, P_BOX, o, B->objs[o].h);
  /* the title sits two lines below the rule on a grid (GB/T 9704), else one title pitch */
  page_add_glue(B, B->grid ? B->P : page_style(B, JB_ROLE_TITLE).pitch * 0.6);
  B->prev_block = -1;
  return JB_OK;
}

/* ---- Title block ------------------------------------------------------------- */

static void draw_text_obj(builder *B, obj *o, const piece *p, double x, double y_top) {
  page_draw_lines(B, o, p, x, y_top);
}

static void draw_rule(builder *B, obj *o, const piece *p, double x, double y_top) {
  (void)p;
  jb_dl_add_line(B->dl, (float)x, (float)(y_top - o->h / 2), (float)(x + o->w), (float)(y_top - o->h / 2),
                 (float)page_sp(B, 0.75), B->t->colors.accent);
}

static jb_status add_line(builder *B, const char *s, jb_role r, jb_align align) {
  int o = page_add_obj(B, draw_text_obj);
  jb_text_style st = page_style(B, r);
  st.indent = 0, st.align = align;
  B->objs[o].w = B->W;
  jb_status e = jb_textblock_str(B->ctx, B->fonts, s, &st, B->W, &B->objs[o].tb);
  if (!e) page_add_lines(B, o, 0);
  return e;
}

/* A line of parts joined by 　｜　 (a one-pager's provenance) wraps between its parts,
 * never inside one (据所 / 收报告自动汇编). */
static jb_status add_parts(builder *B, const char *s, jb_role r, jb_align align) {
  static const char sep[] = "　｜　";
  if (!strstr(s, sep)) return add_line(B, s, r, align);
  jb_text_style st = page_style(B, r);
  jb_buf line;
  jb_buf_init(&line, B->ctx);
  jb_status e = JB_OK;
  for (const char *p = s; *p && !e;) {
    const char *q = strstr(p, sep);
    size_t n = q ? (size_t)(q - p) : strlen(p);
    size_t keep = line.len;
    if (line.len) jb_buf_adds(&line, sep);
    jb_buf_add(&line, p, n);
    if (keep && jb_text_width(B->ctx, B->fonts, line.data, st.stack, st.size) > B->W) { /* this part starts a line */
      line.len = keep, line.data[keep] = 0;
      e = add_line(B, line.data, r, align);
      line.len = 0;
      jb_buf_add(&line, p, n);
    }
    p = q ? q + strlen(sep) : p + n;
  }
  if (!e && line.len) e = add_line(B, line.data, r, align);
  jb_buf_fini(&line);
  return e;
}

jb_status page_add_front(builder *B) {
  const jb_meta *m = &B->b->meta;
  const jb_layout_template *t = B->t;
  jb_status s = JB_OK;
  int title_in_masthead = t->masthead.show && !m->masthead;
  if (t->masthead.show) s = add_masthead(B);
  else if (m->marking) s = add_line(B, m->marking, JB_ROLE_MARKING, JB_ALIGN_LEFT);
  if (!s && !t->masthead.show && m->masthead) s = add_line(B, m->masthead, JB_ROLE_MASTHEAD, t->roles[JB_ROLE_MASTHEAD].align);
  if (!s && !title_in_masthead && m->title) {
    s = add_line(B, m->title, JB_ROLE_TITLE, t->roles[JB_ROLE_TITLE].align);
    B->keep_next = 0;
  }
  if (!s && m->subtitle) {
    page_add_glue(B, page_sp(B, t->roles[JB_ROLE_TITLE].space_after) / 2);
    s = add_parts(B, m->subtitle, JB_ROLE_SUBTITLE, t->roles[JB_ROLE_SUBTITLE].align);
  }
  if (!s && !t->masthead.show) {
    /* issuer, date and issue on one line under the title, then a rule */
    jb_buf b;
    jb_buf_init(&b, B->ctx);
    if (m->issuer) jb_buf_adds(&b, m->issuer);
    if (m->date) {
      if (b.len) jb_buf_adds(&b, "　");
      jb_date_zh(m->date, &b);
    }
    jb_buf issue;
    jb_buf_init(&issue, B->ctx);
    issue_text(B, &issue);
    if (issue.len) {
      if (b.len) jb_buf_adds(&b, "　");
      jb_buf_add(&b, issue.data, issue.len);
    }
    jb_buf_fini(&issue);
    if (b.len) {
      page_add_glue(B, page_sp(B, 4));
      s = add_line(B, b.data, JB_ROLE_ISSUER, t->roles[JB_ROLE_TITLE].align);
    }
    jb_buf_fini(&b);
    if (!s) {
      int o = page_add_obj(B, draw_rule);
      B->objs[o].w = B->W, B->objs[o].h = page_sp(B, 10);
      page_add_piece(B, P_BOX, o, B->objs[o].h);
    }
  }
  B->pending_after = page_sp(B, t->roles[m->subtitle ? JB_ROLE_SUBTITLE : JB_ROLE_TITLE].space_after);
  B->prev_block = B->n_pcs ? JB_BLOCK_SPACER : -1;
  B->keep_next = 0;
  return s;
}

/* ---- 数据来源: every cited fact with its document and sentence -------------------- */

jb_status page_add_sources(builder *B) {
  if (!B->n_cites) return JB_OK;
  jb_text_style hs = page_style(B, JB_ROLE_H2);
  page_add_glue(B, fmax(B->pending_after, page_sp(B, B->t->roles[JB_ROLE_H2].space_before)) + (B->grid ? 0 : hs.size * 0.5));
  B->keep_next = 0;
  int ho = page_add_obj(B, draw_text_obj);
  hs.indent = 0, hs.align = JB_ALIGN_LEFT;
  B->objs[ho].w = B->W;
  jb_status s = jb_textblock_str(B->ctx, B->fonts, "数据来源", &hs, B->W, &B->objs[ho].tb);
  if (s) return s;
  B->objs[ho].heading = 1;
  B->objs[ho].title = jb_strdup(B->ctx, "数据来源");
  page_add_lines(B, ho, 0);
  B->keep_next = 2;
  page_add_glue(B, page_sp(B, B->t->roles[JB_ROLE_H2].space_after));
  jb_text_style ns = page_style(B, JB_ROLE_NOTE);
  for (size_t i = 0; i < B->n_cites; i++) {
    cite *c = &B->cites[i];
    const jb_factrec *f = &c->fact;
    jb_buf b;
    jb_buf_init(&b, B->ctx);
    for (int k = -1; k < c->n_more; k++) { /* 总值：12亿元；增速：5%。来源：… */
      const jb_factrec *g = k < 0 ? f : &c->more[k];
      if (k >= 0) jb_buf_adds(&b, "；");
      char label[96], named[128]; /* a noun phrase of what is measured, else the value alone */
      const char *m = g->label;
      if (m && g->series_label && !strstr(m, g->series_label)) /* 类价格下降 of 食品烟酒: its category first */
        snprintf(named, sizeof named, "%s%s", g->series_label, m), m = named;
      if (m && jb_digest_measure_label(m, g->unit, g->place, label, sizeof label)) jb_buf_printf(&b, "%s：", label);
      if (g->has_value || g->text) {
        if (g->text) jb_buf_adds(&b, g->text);
        else jb_num_format(&B->t->numbers, g->value, g->unit, -1, -1, &b, NULL);
        if (g->text && g->unit && !strstr(g->text, g->unit)) jb_buf_adds(&b, g->unit);
      }
    }
    if (b.len) jb_buf_adds(&b, "。");
    jb_buf_adds(&b, "来源：");
    jb_fact_citation(f, &b); /* 文件名 第N段：“sentence” */
    /* Each entry is a paragraph of its own, its mark leading the indented
     * first line, so the list reads (and checks) like body paragraphs. */
    jb_buf entry;
    jb_buf_init(&entry, B->ctx);
    uint32_t cp = page_cite_cp(c->number);
    if (cp) jb_buf_add_utf8(&entry, cp);
    else jb_buf_printf(&entry, "[%d]", c->number);
    jb_buf_add(&entry, b.data ? b.data : "", b.len);
    jb_buf_fini(&b);
    int o = page_add_obj(B, draw_text_obj);
    jb_text_style st = ns;
    st.indent = 2 * ns.size, st.align = JB_ALIGN_JUSTIFY;
    B->objs[o].x = 0, B->objs[o].w = B->W;
    s = jb_textblock_str(B->ctx, B->fonts, entry.data, &st, B->W, &B->objs[o].tb);
    jb_buf_fini(&entry);
    if (s) return s;
    B->objs[o].cite_target = (int)i;
    c->obj = o;
    page_add_lines(B, o, 1);
  }
  return JB_OK;
}
