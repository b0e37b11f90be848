/* .docx (Word, and WPS which writes the same parts): the body's paragraphs in
 * order with heading levels and list numbers, tables with merged cells and
 * header rows, text boxes after their paragraph, footnotes and endnotes at the
 * end, the title from the core properties. XML through libxml2, the archive
 * through libzip (zip.c). */
#include <libxml/parser.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/docx.h"

static void walk(jb_docx *x, xmlNode *n);

static void text_of(jb_docx *x, xmlNode *n) {
  for (xmlNode *c = n->children; c; c = c->next)
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
      jb_bld_add(x->b, (const char *)c->content, strlen((const char *)c->content));
}

/* Role and level of a paragraph from its style, its own outline level and
 * its numbering; the number text goes first. */
static void begin_paragraph(jb_docx *x, xmlNode *p) {
  xmlNode *ppr = jb_x_child(p, "pPr");
  const char *sid = jb_x_val(ppr, "pStyle");
  int level = jb_docx_style_level(x, sid);
  const char *ol = jb_x_val(ppr, "outlineLvl");
  if (ol) level = atoi(ol) >= 0 && atoi(ol) <= 8 ? atoi(ol) + 1 : 0;
  xmlNode *numpr = jb_x_child(ppr, "numPr");
  const char *nid = jb_x_val(numpr, "numId"), *ilvl = jb_x_val(numpr, "ilvl");
  int num_id = nid ? atoi(nid) : 0, num_lvl = ilvl ? atoi(ilvl) : 0;
  const jb_docx_style *st = jb_docx_style_of(x, sid);
  if (!nid && st && st->num_id) num_id = st->num_id, num_lvl = st->num_lvl;
  jb_para_role role = (jb_para_role)x->role;
  if (x->role == JB_PR_PARA) {
    if (level == -1) role = JB_PR_TITLE, level = 0;
    else if (level > 0) role = JB_PR_HEADING;
    else if (num_id > 0) role = JB_PR_LIST, level = num_lvl + 1;
  } else {
    level = 0;
  }
  jb_bld_para(x->b, role, level);
  jb_buf num;
  jb_buf_init(&num, x->ctx);
  if (jb_docx_number(x, num_id, num_lvl, &num) && num.len) {
    unsigned char last = (unsigned char)num.data[num.len - 1];
    if (last < 0x80 && last != ' ') jb_buf_addc(&num, ' '); /* "1." + text; 一、 and （一） need none */
    jb_bld_add(x->b, num.data, num.len);
  }
  jb_buf_fini(&num);
}

static void paragraph(jb_docx *x, xmlNode *p) {
  begin_paragraph(x, p);
  size_t first_pending = x->n_pending;
  for (xmlNode *c = p->children; c; c = c->next) walk(x, c);
  jb_bld_end(x->b);
  /* text boxes anchored in this paragraph, after it */
  int role = x->role;
  x->role = JB_PR_TEXTBOX;
  for (size_t i = first_pending; i < x->n_pending; i++)
    for (xmlNode *c = x->pending[i]->children; c; c = c->next) walk(x, c);
  x->role = role;
  x->n_pending = first_pending;
}

static int header_row(xmlNode *tr) { return jb_x_child(jb_x_child(tr, "trPr"), "tblHeader") != NULL; }

static void cell(jb_docx *x, xmlNode *tc, int header) {
  xmlNode *pr = jb_x_child(tc, "tcPr");
  const char *span = jb_x_val(pr, "gridSpan");
  xmlNode *vm = jb_x_child(pr, "vMerge");
  const char *vval = jb_x_attr(vm, "val");
  int vcont = vm && (!vval || !strcmp(vval, "continue"));
  long cs = span ? atol(span) : 1;
  jb_bld_cell(x->b, cs > 0 && cs < 1000 ? (size_t)cs : 1, 1, vcont, header);
  for (xmlNode *c = tc->children; c; c = c->next) walk(x, c);
  jb_bld_cell_end(x->b);
}

static void row(jb_docx *x, xmlNode *tr) {
  int header = header_row(tr);
  jb_bld_row(x->b, header);
  for (xmlNode *c = tr->children; c; c = c->next) {
    if (jb_x_is(c, "tc")) cell(x, c, header);
    else if (jb_x_is(c, "sdt") || jb_x_is(c, "customXml")) /* cells wrapped in content controls */
      for (xmlNode *s = jb_x_child(c, "sdtContent") ? jb_x_child(c, "sdtContent")->children : c->children; s; s = s->next)
        if (jb_x_is(s, "tc")) cell(x, s, header);
  }
  jb_bld_row_end(x->b);
}

static void table(jb_docx *x, xmlNode *tbl) {
  jb_bld_table(x->b);
  for (xmlNode *c = tbl->children; c; c = c->next) {
    if (jb_x_is(c, "tr")) row(x, c);
    else if (jb_x_is(c, "sdt") || jb_x_is(c, "customXml"))
      for (xmlNode *s = jb_x_child(c, "sdtContent") ? jb_x_child(c, "sdtContent")->children : c->children; s; s = s->next)
        if (jb_x_is(s, "tr")) row(x, s);
  }
  jb_bld_table_end(x->b);
}

/* Elements whose content is never text of the document. */
static int skipped(const xmlNode *n) {
  static const char *const names[] = {"pPr", "rPr", "sectPr", "tblPr", "tblGrid", "trPr", "tcPr", "del",
                                      "delText", "moveFrom", "instrText", "Fallback", "footnoteReference",
                                      "endnoteReference", "commentReference", "fldChar", "annotationRef"};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (!strcmp((const char *)n->name, names[i])) return 1;
  return 0;
}

static void walk(jb_docx *x, xmlNode *n) {
  if (n->type != XML_ELEMENT_NODE || skipped(n)) return;
  const char *name = (const char *)n->name;
  if (!strcmp(name, "p")) paragraph(x, n);
  else if (!strcmp(name, "tbl")) table(x, n);
  else if (!strcmp(name, "t")) text_of(x, n);
  else if (!strcmp(name, "tab") || !strcmp(name, "noBreakHyphen")) jb_bld_add(x->b, name[0] == 't' ? " " : "-", 1);
  else if (!strcmp(name, "br") || !strcmp(name, "cr")) jb_bld_break(x->b);
  else if (!strcmp(name, "txbxContent")) {
    x->pending = jb_grow(x->ctx, x->pending, &x->cap_pending, x->n_pending + 1, sizeof *x->pending);
    x->pending[x->n_pending++] = n;
  } else {
    for (xmlNode *c = n->children; c; c = c->next) walk(x, c);
  }
}

/* Footnotes or endnotes (not the separators) as paragraphs at the end. */
static void notes(jb_docx *x, xmlNode *root, const char *kind) {
  x->role = JB_PR_FOOTNOTE;
  for (xmlNode *f = root ? root->children : NULL; f; f = f->next) {
    const char *type = jb_x_attr(f, "type");
    if (!jb_x_is(f, kind) || (type && strcmp(type, "normal"))) continue;
    for (xmlNode *c = f->children; c; c = c->next) walk(x, c);
  }
  x->role = JB_PR_PARA;
}

typedef jb_status (*part_fn)(jb_docx *x, xmlNode *root);

/* Reads and parses a part of the archive and hands its root to fn. */
static jb_status with_part(jb_docx *x, jb_zip *z, const char *name, const char *part, int required, part_fn fn) {
  char *data;
  size_t n;
  jb_status s = jb_zip_read(z, part, required, &data, &n);
  if (s || !data) return s;
  void *doc;
  s = jb_xml_read(x->ctx, name, part, data, n, &doc);
  jb_free(x->ctx, data);
  if (!s) s = fn(x, xmlDocGetRootElement(doc));
  xmlFreeDoc(doc);
  return s;
}

static jb_status on_styles(jb_docx *x, xmlNode *r) { return jb_docx_styles(x, r), JB_OK; }
static jb_status on_numbering(jb_docx *x, xmlNode *r) { return jb_docx_numbering(x, r), JB_OK; }
static jb_status on_footnotes(jb_docx *x, xmlNode *r) { return notes(x, r, "footnote"), JB_OK; }
static jb_status on_endnotes(jb_docx *x, xmlNode *r) { return notes(x, r, "endnote"), JB_OK; }

static jb_status on_core(jb_docx *x, xmlNode *r) {
  xmlNode *t = jb_x_child(r, "title");
  xmlChar *s = t ? xmlNodeGetContent(t) : NULL; /* a DTD-free part: no entity to expand */
  if (s && *s) x->b->title_meta = jb_strdup(x->ctx, (const char *)s);
  xmlFree(s);
  return JB_OK;
}

static jb_status on_document(jb_docx *x, xmlNode *r) {
  xmlNode *body = jb_x_child(r, "body");
  if (!jb_x_is(r, "document") || !body)
    return jb_fail(x->ctx, JB_ERR_INPUT, (jb_loc){x->name, 0, 0, -1, NULL},
                   "word/document.xml has no body (w:body): not the main part of a Word document");
  for (xmlNode *c = body->children; c; c = c->next) walk(x, c);
  jb_bld_end(x->b);
  return JB_OK;
}

jb_status jb_read_docx(jb_ctx *ctx, const char *name, jb_zip *z, const jb_ingest_opts *o, jb_doc **out) {
  jb_builder b;
  jb_bld_init(&b, ctx);
  jb_docx x = {0};
  x.ctx = ctx, x.name = name, x.b = &b, x.role = JB_PR_PARA;
  jb_status s = with_part(&x, z, name, "word/styles.xml", 0, on_styles);
  if (!s) s = with_part(&x, z, name, "word/numbering.xml", 0, on_numbering);
  if (!s) s = with_part(&x, z, name, "docProps/core.xml", 0, on_core);
  if (!s) s = with_part(&x, z, name, "word/document.xml", 1, on_document);
  if (!s) s = with_part(&x, z, name, "word/footnotes.xml", 0, on_footnotes);
  if (!s) s = with_part(&x, z, name, "word/endnotes.xml", 0, on_endnotes);
  if (!s) s = jb_bld_finish(&b, name, o, "docx", out);
  jb_free(ctx, x.styles);
  jb_free(ctx, x.abs);
  jb_free(ctx, x.nums);
  jb_free(ctx, x.pending);
  jb_bld_fini(&b);
  return s;
}
