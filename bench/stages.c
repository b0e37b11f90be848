/* Times the pipeline stages inside one process: ingest, shaping, paragraph
 * layout (breaking + justification); and checks that 10x the text costs at
 * most 11x the paragraph time, for the seeds as one paragraph and for
 * 100,000 letters without a break opportunity (issue 3). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jianbao/extract.h"
#include "jianbao/ingest.h"
#include "jianbao/layout.h"
#include "jianbao/para.h"
#include "jianbao/render.h"

#define REPEAT 20

typedef struct shaped_doc {
  jb_shaped *runs;
  size_t n;
} shaped_doc;

static double shape_all(jb_fonts *fonts, int stack, const uint32_t *text, const jb_span *paras, size_t n,
                        shaped_doc *out) {
  double t = jb_now();
  out->runs = calloc(n + 1, sizeof(jb_shaped));
  out->n = n;
  for (size_t i = 0; i < n; i++)
    jb_shape(fonts, stack, 12, text + paras[i].start, paras[i].end - paras[i].start, JB_LOC_NONE, &out->runs[i]);
  return jb_now() - t;
}

static double para_all(jb_ctx *ctx, const shaped_doc *sd) {
  jb_para_style st = JB_PARA_DEFAULTS(456, 12);
  double t = jb_now();
  for (size_t i = 0; i < sd->n; i++) {
    jb_para p;
    jb_para_layout(ctx, &sd->runs[i], &st, &p);
    jb_para_fini(ctx, &p);
  }
  return jb_now() - t;
}

static void free_shaped(jb_fonts *fonts, shaped_doc *sd) {
  for (size_t i = 0; i < sd->n; i++) jb_shaped_fini(fonts, &sd->runs[i]);
  free(sd->runs);
}

static double best_para_n(jb_ctx *ctx, const shaped_doc *sd, int repeat) {
  double best = 1e9;
  for (int r = 0; r < repeat; r++) {
    double t = para_all(ctx, sd);
    if (t < best) best = t;
  }
  return best;
}

static double best_para(jb_ctx *ctx, const shaped_doc *sd) { return best_para_n(ctx, sd, REPEAT); }

/* Letters a-z without a space: one token with no break opportunity, broken
 * between every two letters as a last resort (one warning per paragraph). */
static void no_break_scaling(jb_ctx *ctx, jb_fonts *fonts, int stack) {
  enum { N = 100000 };
  uint32_t *text = malloc(10 * N * sizeof(uint32_t));
  for (size_t i = 0; i < 10 * N; i++) text[i] = 'a' + i % 26;
  double t[2];
  for (int k = 0; k < 2; k++) {
    shaped_doc sd;
    jb_span sp = {0, k ? 10 * N : N};
    shape_all(fonts, stack, text, &sp, 1, &sd);
    t[k] = best_para_n(ctx, &sd, 5); /* the same count for both: a best of more runs is lower */
    free_shaped(fonts, &sd);
  }
  printf("no break opportunity: %d letters %.2f ms, 10x %.2f ms, ratio %.2f (budget 11: %s)\n", N, t[0] * 1e3,
         t[1] * 1e3, t[1] / t[0], t[1] / t[0] <= 11 ? "ok" : "OVER");
  free(text);
}

int main(int argc, char **argv) {
  jb_ctx *ctx = jb_ctx_new();
  jb_fonts *fonts;
  double t0 = jb_now();
  if (jb_fonts_new(ctx, NULL, &fonts)) return fprintf(stderr, "%s\n", jb_ctx_error(ctx)), 1;
  int stack = jb_fonts_stack(fonts, "serif-zh");
  if (stack < 0) return fprintf(stderr, "%s\n", jb_ctx_error(ctx)), 1;
  printf("== stages (in process, best of %d) ==\nfonts: load + resolve serif-zh %.2f ms\n", REPEAT,
         (jb_now() - t0) * 1e3);
  double para_total = 0, shape_total = 0;
  for (int a = 1; a < argc; a++) {
    jb_doc *doc;
    double ti = jb_now();
    if (jb_doc_load(ctx, argv[a], NULL, &doc)) return fprintf(stderr, "%s\n", jb_ctx_error(ctx)), 1;
    ti = jb_now() - ti;
    size_t len, n = jb_doc_paragraph_count(doc);
    const uint32_t *text = jb_doc_text(doc, &len);
    jb_span *paras = calloc(n + 1, sizeof(jb_span));
    for (size_t i = 0; i < n; i++) paras[i] = jb_doc_paragraph(doc, i);
    shaped_doc sd;
    double ts = shape_all(fonts, stack, text, paras, n, &sd);
    double tp = best_para(ctx, &sd);
    para_total += tp, shape_total += ts;
    double te = 1e9; /* extraction: best of REPEAT, gazetteer loading included */
    for (int r = 0; r < REPEAT; r++) {
      double t = jb_now();
      jb_facts *facts = jb_extract(ctx, (const jb_doc *const *)&doc, 1);
      t = jb_now() - t;
      jb_facts_free(facts);
      if (t < te) te = t;
    }
    size_t bytes = 0;
    for (size_t i = 0; i < len; i++) bytes += text[i] < 0x80 ? 1 : text[i] < 0x800 ? 2 : text[i] < 0x10000 ? 3 : 4;
    printf("%s: %zu chars, ingest %.2f ms, shaping %.2f ms, breaking+justification %.3f ms\n", argv[a], len,
           ti * 1e3, ts * 1e3, tp * 1e3);
    printf("   extract %.2f ms = %.1f MB/s (issue 4: >= 5 MB/s, seed 000 well under 4 ms)\n", te * 1e3,
           bytes / te / 1e6);
    free_shaped(fonts, &sd);
    free(paras);
    jb_doc_free(doc);
  }
  printf("both seeds: breaking+justification %.3f ms (budget 5 ms: %s), shaping %.2f ms\n", para_total * 1e3,
         para_total * 1e3 <= 5 ? "ok" : "OVER", shape_total * 1e3);
  /* Scaling: one paragraph of the first seed's text, 1x and 10x. */
  if (argc > 1) {
    jb_doc *doc;
    jb_doc_load(ctx, argv[1], NULL, &doc);
    size_t len;
    const uint32_t *text = jb_doc_text(doc, &len);
    uint32_t *big = malloc(10 * len * sizeof(uint32_t));
    size_t m = 0;
    for (size_t i = 0; i < len; i++)
      if (text[i] != '\n') big[m++] = text[i];
    size_t one = m;
    for (int k = 1; k < 10; k++) memcpy(big + k * one, big, one * sizeof(uint32_t));
    double t[2];
    for (int k = 0; k < 2; k++) {
      shaped_doc sd;
      jb_span sp = {0, k ? 10 * one : one};
      shape_all(fonts, stack, big, &sp, 1, &sd);
      t[k] = best_para(ctx, &sd);
      free_shaped(fonts, &sd);
    }
    printf("one paragraph: %zu chars %.3f ms, 10x %.3f ms, ratio %.2f (budget 11: %s)\n", one, t[0] * 1e3,
           t[1] * 1e3, t[1] / t[0], t[1] / t[0] <= 11 ? "ok" : "OVER");
    free(big);
    jb_doc_free(doc);
  }
  jb_ctx_set_warn_handler(ctx, NULL, NULL);
  no_break_scaling(ctx, fonts, stack);
  jb_fonts_free(fonts);
  jb_ctx_free(ctx);
  return 0;
}
