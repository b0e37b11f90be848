/* HTML (libxml2's HTML parser, which recovers from the markup of real pages):
 * title, headings, paragraphs, lists and tables; scripts, styles, forms and
 * navigation dropped. The text arrives as UTF-8 (load.c decoded it), so the
 * page's own charset declaration is ignored. */
#include <libxml/HTMLparser.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ingest/docx.h"

typedef struct html_state {
  jb_ctx *ctx;
  jb_builder *b;
  int list_depth, titled, in_table_head;
  int ol_count[16], ol[16];
} html_state;

static void walk(html_state *h, xmlNode *n, int in_article);

static int one_of(const char *name, const char *const *names) {
  for (; *names; names++)
    if (!strcmp(name, *names)) return 1;
  return 0;
}

static const char *const dropped[] = {"script", "style", "noscript", "template", "nav", "iframe", "svg",
                                      "form", "button", "select", "textarea", "object", "head", "aside",
                                      "input", "canvas", "video", "audio", "map", NULL};
static const char *const blocks[] = {"p", "div", "section", "article", "main", "blockquote", "pre", "dt",
                                     "dd", "figcaption", "address", "center", "figure", "dl", "fieldset",
                                     "body", "html", "hr", "legend", "summary", "details", "caption", NULL};

/* Adds text with HTML white space collapsed to single spaces. */
static void add_text(html_state *h, const char *s) {
  jb_buf t;
  jb_buf_init(&t, h->ctx);
  int space = 0;
  for (; *s; s++) {
    if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f') {
      space = 1;
      continue;
    }
    if (space) jb_buf_addc(&t, ' ');
    space = 0;
    jb_buf_addc(&t, *s);
  }
  if (space) jb_buf_addc(&t, ' ');
  if (t.len) jb_bld_add(h->b, t.data, t.len);
  jb_buf_fini(&t);
}

static int is_hidden(xmlNode *n) {
  const char *role = jb_x_attr(n, "role");
  return (role && !strcasecmp(role, "navigation")) || jb_x_attr(n, "hidden") != NULL;
}

static size_t span_attr(xmlNode *n, const char *name) {
  const char *v = jb_x_attr(n, name);
  long k = v ? atol(v) : 1;
  return k >= 1 && k <= 1000 ? (size_t)k : 1;
}

static void children(html_state *h, xmlNode *n, int in_article) {
  for (xmlNode *c = n->children; c; c = c->next) walk(h, c, in_article);
}

static void table_row(html_state *h, xmlNode *tr, int head, int in_article) {
  int all_th = 1, any = 0;
  for (xmlNode *c = tr->children; c; c = c->next)
    if (jb_x_is(c, "td") || jb_x_is(c, "th")) any = 1, all_th &= jb_x_is(c, "th");
  if (!any) return;
  jb_bld_row(h->b, head || all_th);
  for (xmlNode *c = tr->children; c; c = c->next) {
    if (!jb_x_is(c, "td") && !jb_x_is(c, "th")) continue;
    jb_bld_cell(h->b, span_attr(c, "colspan"), span_attr(c, "rowspan"), 0, head || jb_x_is(c, "th"));
    children(h, c, in_article);
    jb_bld_cell_end(h->b);
  }
  jb_bld_row_end(h->b);
}

static void table(html_state *h, xmlNode *t, int in_article) {
  jb_bld_table(h->b);
  for (xmlNode *c = t->children; c; c = c->next) {
    if (jb_x_is(c, "tr")) table_row(h, c, 0, in_article);
    else if (jb_x_is(c, "thead") || jb_x_is(c, "tbody") || jb_x_is(c, "tfoot"))
      for (xmlNode *r = c->children; r; r = r->next)
        if (jb_x_is(r, "tr")) table_row(h, r, jb_x_is(c, "thead"), in_article);
  }
  jb_bld_table_end(h->b);
  for (xmlNode *c = t->children; c; c = c->next) /* a caption after its table */
    if (jb_x_is(c, "caption")) {
      jb_bld_para(h->b, JB_PR_CAPTION, 0);
      children(h, c, in_article);
      jb_bld_end(h->b);
    }
}

static void list_item(html_state *h, xmlNode *n, int in_article) {
  int d = h->list_depth > 0 ? h->list_depth : 1;
  jb_bld_para(h->b, JB_PR_LIST, d < 9 ? d : 9);
  if (h->list_depth > 0 && h->list_depth < 16 && h->ol[h->list_depth]) {
    char num[24];
    int k = snprintf(num, sizeof num, "%d. ", ++h->ol_count[h->list_depth]);
    jb_bld_add(h->b, num, (size_t)k);
  }
  children(h, n, in_article);
  jb_bld_end(h->b);
}

static void walk(html_state *h, xmlNode *n, int in_article) {
  if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
    if (n->content) add_text(h, (const char *)n->content);
    return;
  }
  if (n->type != XML_ELEMENT_NODE || is_hidden(n)) return;
  const char *name = (const char *)n->name;
  if (one_of(name, dropped)) return;
  if ((!strcmp(name, "header") || !strcmp(name, "footer")) && !in_article) return; /* the site's, not the report's */
  if (!strcmp(name, "article") || !strcmp(name, "main")) in_article = 1;
  if (name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && !name[2]) {
    int title = name[1] == '1' && !h->titled;
    jb_bld_para(h->b, title ? JB_PR_TITLE : JB_PR_HEADING, title ? 0 : name[1] - '0');
    h->titled |= title;
    children(h, n, in_article);
    jb_bld_end(h->b);
  } else if (!strcmp(name, "br")) {
    jb_bld_break(h->b);
  } else if (!strcmp(name, "table")) {
    table(h, n, in_article);
  } else if (!strcmp(name, "ul") || !strcmp(name, "ol")) {
    jb_bld_end(h->b);
    if (++h->list_depth < 16) h->ol[h->list_depth] = name[0] == 'o', h->ol_count[h->list_depth] = 0;
    children(h, n, in_article);
    h->list_depth--;
    jb_bld_end(h->b);
  } else if (!strcmp(name, "li")) {
    list_item(h, n, in_article);
  } else if (one_of(name, blocks) || !strcmp(name, "header") || !strcmp(name, "footer")) {
    jb_bld_end(h->b);
    children(h, n, in_article);
    jb_bld_end(h->b);
  } else {
    children(h, n, in_article);
  }
}

static void page_title(html_state *h, xmlNode *root) {
  for (xmlNode *c = root ? root->children : NULL; c; c = c->next) {
    if (!jb_x_is(c, "head")) continue;
    for (xmlNode *t = c->children; t; t = t->next)
      if (jb_x_is(t, "title")) {
        xmlChar *s = xmlNodeGetContent(t);
        if (s && *s) {
          jb_buf b;
          jb_buf_init(&b, h->ctx);
          for (const char *p = (const char *)s; *p; p++) jb_buf_addc(&b, *p == '\n' || *p == '\t' || *p == '\r' ? ' ' : *p);
          h->b->title_meta = jb_buf_steal(&b);
        }
        xmlFree(s);
        return;
      }
  }
}

jb_status jb_read_html(jb_ctx *ctx, const char *name, const char *utf8, size_t n, const jb_ingest_opts *o,
                       jb_doc **out) {
  *out = NULL;
  if (n > (size_t)0x7FFFFFFF) return jb_fail(ctx, JB_ERR_LIMIT, (jb_loc){name, 0, 0, -1, NULL}, "larger than 2 GB");
  htmlDocPtr doc = htmlReadMemory(utf8, (int)n, name, "UTF-8",
                                  HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER |
                                      HTML_PARSE_IGNORE_ENC | HTML_PARSE_NOIMPLIED);
  jb_builder b;
  jb_bld_init(&b, ctx);
  html_state h = {0};
  h.ctx = ctx, h.b = &b;
  xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
  page_title(&h, root);
  for (xmlNode *c = doc ? doc->children : NULL; c; c = c->next) walk(&h, c, 0);
  xmlFreeDoc(doc);
  jb_status s = jb_bld_finish(&b, name, o, "html", out);
  jb_bld_fini(&b);
  return s;
}
