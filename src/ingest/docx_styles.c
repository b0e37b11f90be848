/* Styles and numbering of a .docx (styles.xml, numbering.xml): which
 * paragraph styles are headings (heading N, 标题 N, outline levels, WPS's
 * numeric style ids through their names) and the text of list numbers. */
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/docx.h"

int jb_x_is(const xmlNode *n, const char *local) {
  return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, local);
}

const char *jb_x_attr(const xmlNode *n, const char *local) {
  if (!n || n->type != XML_ELEMENT_NODE) return NULL;
  for (const xmlAttr *a = n->properties; a; a = a->next)
    if (!strcmp((const char *)a->name, local)) return a->children && a->children->content ? (const char *)a->children->content : "";
  return NULL;
}

xmlNode *jb_x_child(const xmlNode *n, const char *local) {
  for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
    if (jb_x_is(c, local)) return c;
  return NULL;
}

const char *jb_x_val(const xmlNode *n, const char *child) { return jb_x_attr(jb_x_child(n, child), "val"); }

/* "heading 2", "Heading2", "标题 2", "标题2" -> 2; "Title", "标题" -> -1 (title); else 0. */
static int level_of_name(const char *s) {
  if (!s) return 0;
  const char *rest = NULL;
  if (!strncasecmp(s, "heading", 7)) rest = s + 7;
  else if (!strncmp(s, "\xE6\xA0\x87\xE9\xA2\x98", 6)) rest = s + 6; /* 标题 */
  else if (!strcasecmp(s, "title")) return -1;
  if (!rest) return 0;
  while (*rest == ' ') rest++;
  if (!*rest) return -1; /* 标题 alone: the title style of Chinese Word */
  if (rest[0] >= '1' && rest[0] <= '9' && !rest[1]) return rest[0] - '0';
  return 0;
}

void jb_docx_styles(jb_docx *x, xmlNode *root) {
  for (xmlNode *s = root ? root->children : NULL; s; s = s->next) {
    if (!jb_x_is(s, "style")) continue;
    const char *type = jb_x_attr(s, "type"), *id = jb_x_attr(s, "styleId");
    if (!id || (type && strcmp(type, "paragraph"))) continue;
    x->styles = jb_grow(x->ctx, x->styles, &x->cap_styles, x->n_styles + 1, sizeof *x->styles);
    jb_docx_style *st = &x->styles[x->n_styles++];
    memset(st, 0, sizeof *st);
    snprintf(st->id, sizeof st->id, "%s", id);
    const char *based = jb_x_val(s, "basedOn");
    snprintf(st->based, sizeof st->based, "%s", based ? based : "");
    st->level = level_of_name(jb_x_val(s, "name"));
    xmlNode *ppr = jb_x_child(s, "pPr");
    const char *ol = jb_x_val(ppr, "outlineLvl");
    st->outline = ol ? atoi(ol) + 1 : 0; /* 1-9; 10 = body text */
    xmlNode *numpr = jb_x_child(ppr, "numPr");
    const char *nid = jb_x_val(numpr, "numId"), *ilvl = jb_x_val(numpr, "ilvl");
    st->num_id = nid ? atoi(nid) : 0;
    st->num_lvl = ilvl ? atoi(ilvl) : 0;
  }
}

const jb_docx_style *jb_docx_style_of(const jb_docx *x, const char *id) {
  for (size_t i = 0; id && i < x->n_styles; i++)
    if (!strcmp(x->styles[i].id, id)) return &x->styles[i];
  return NULL;
}

/* Heading level of a style (following basedOn): 1-9, -1 for the title, 0 none. */
int jb_docx_style_level(const jb_docx *x, const char *id) {
  for (int depth = 0; id && depth < 12; depth++) {
    const jb_docx_style *st = jb_docx_style_of(x, id);
    if (!st) return level_of_name(id) > 0 || !strcasecmp(id, "Title") ? level_of_name(id) : 0;
    if (st->level) return st->level;
    if (st->outline >= 1 && st->outline <= 9) return st->outline;
    if (st->outline == 10) return 0;
    id = st->based[0] ? st->based : NULL;
  }
  return 0;
}

void jb_docx_numbering(jb_docx *x, xmlNode *root) {
  for (xmlNode *a = root ? root->children : NULL; a; a = a->next) {
    if (jb_x_is(a, "abstractNum")) {
      x->abs = jb_grow(x->ctx, x->abs, &x->cap_abs, x->n_abs + 1, sizeof *x->abs);
      jb_docx_abs *ab = &x->abs[x->n_abs++];
      memset(ab, 0, sizeof *ab);
      const char *id = jb_x_attr(a, "abstractNumId");
      ab->id = id ? atoi(id) : -1;
      for (xmlNode *l = a->children; l; l = l->next) {
        const char *il = jb_x_attr(l, "ilvl");
        if (!jb_x_is(l, "lvl") || !il || atoi(il) < 0 || atoi(il) > 8) continue;
        jb_docx_lvl *lv = &ab->lvl[atoi(il)];
        const char *fmt = jb_x_val(l, "numFmt"), *txt = jb_x_val(l, "lvlText"), *start = jb_x_val(l, "start");
        snprintf(lv->fmt, sizeof lv->fmt, "%s", fmt ? fmt : "decimal");
        snprintf(lv->text, sizeof lv->text, "%s", txt ? txt : "");
        lv->start = start ? atoi(start) : 1;
      }
    } else if (jb_x_is(a, "num")) {
      x->nums = jb_grow(x->ctx, x->nums, &x->cap_nums, x->n_nums + 1, sizeof *x->nums);
      jb_docx_num *nm = &x->nums[x->n_nums++];
      memset(nm, 0, sizeof *nm);
      const char *id = jb_x_attr(a, "numId"), *abs = jb_x_val(a, "abstractNumId");
      nm->id = id ? atoi(id) : -1;
      nm->abs = abs ? atoi(abs) : -1;
    }
  }
}

static void chinese_count(jb_buf *b, int n, int legal) {
  static const char *const d[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  static const char *const l[] = {"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"};
  const char *const *digits = legal ? l : d;
  const char *ten = legal ? "拾" : "十";
  if (n <= 0 || n >= 100) {
    jb_buf_printf(b, "%d", n);
    return;
  }
  if (n >= 20) jb_buf_adds(b, digits[n / 10]);
  if (n >= 10) jb_buf_adds(b, ten);
  if (n % 10 || n < 10) jb_buf_adds(b, digits[n % 10]);
}

static void format_number(jb_buf *b, const char *fmt, int n) {
  if (!strcmp(fmt, "chineseCounting") || !strcmp(fmt, "chineseCountingThousand") ||
      !strcmp(fmt, "ideographTraditional") || !strcmp(fmt, "japaneseCounting"))
    chinese_count(b, n, 0);
  else if (!strcmp(fmt, "chineseLegalSimplified")) chinese_count(b, n, 1);
  else if (!strncmp(fmt, "decimalEnclosedCircle", 21) && n >= 1 && n <= 20) jb_buf_add_utf8(b, 0x2460 + (uint32_t)n - 1);
  else if (!strcmp(fmt, "lowerLetter") && n >= 1 && n <= 26) jb_buf_addc(b, (char)('a' + n - 1));
  else if (!strcmp(fmt, "upperLetter") && n >= 1 && n <= 26) jb_buf_addc(b, (char)('A' + n - 1));
  else if (!strcmp(fmt, "decimalFullWidth")) {
    char tmp[16];
    snprintf(tmp, sizeof tmp, "%d", n);
    for (char *p = tmp; *p; p++) jb_buf_add_utf8(b, 0xFF10 + (uint32_t)(*p - '0'));
  } else jb_buf_printf(b, "%d", n);
}

/* The number text of a numbered paragraph ("一、", "（二）", "1.2") into b; 0 for a
 * bullet or no numbering (nothing written). Advances the list's counters. */
int jb_docx_number(jb_docx *x, int num_id, int ilvl, jb_buf *b) {
  if (num_id <= 0 || ilvl < 0 || ilvl > 8) return 0;
  jb_docx_num *nm = NULL;
  for (size_t i = 0; i < x->n_nums; i++)
    if (x->nums[i].id == num_id) nm = &x->nums[i];
  const jb_docx_abs *ab = NULL;
  for (size_t i = 0; nm && i < x->n_abs; i++)
    if (x->abs[i].id == nm->abs) ab = &x->abs[i];
  if (!ab) return 0;
  const jb_docx_lvl *lv = &ab->lvl[ilvl];
  nm->count[ilvl] = nm->started[ilvl] ? nm->count[ilvl] + 1 : lv->start;
  nm->started[ilvl] = 1;
  for (int k = ilvl + 1; k < 9; k++) nm->started[k] = 0;
  if (!strcmp(lv->fmt, "bullet") || !strcmp(lv->fmt, "none")) return 0;
  for (const char *p = lv->text; *p; p++) {
    if (*p == '%' && p[1] >= '1' && p[1] <= '9') {
      int k = p[1] - '1';
      format_number(b, ab->lvl[k].fmt, nm->started[k] ? nm->count[k] : ab->lvl[k].start);
      p++;
    } else {
      jb_buf_addc(b, *p);
    }
  }
  return 1;
}
