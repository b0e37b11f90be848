/* Private to compose: the gazetteer (data/gazetteer.tsv) and where a document
 * really names a place, for the county pages of the digest. */
#ifndef JB_COMPOSE_PLACES_H
#define JB_COMPOSE_PLACES_H

#include "jianbao/ingest.h"

typedef struct jb_gaz_entry {
  char name[64], level[16], parent[64], aliases[192]; /* aliases: comma-separated */
} jb_gaz_entry;

typedef struct jb_gazetteer {
  jb_gaz_entry *e;
  size_t n;
} jb_gazetteer;

/* A missing or unreadable file gives an empty gazetteer (no county pages). */
void jb__gazetteer_load(jb_ctx *ctx, jb_gazetteer *g);
void jb__gazetteer_fini(jb_ctx *ctx, jb_gazetteer *g);
const jb_gaz_entry *jb__gazetteer_find(const jb_gazetteer *g, const char *name);

/* One document's text with every place-name occurrence indexed, so "is this
 * occurrence inside a longer name?" is O(1) (江达 inside 工布江达). */
typedef struct jb_doc_places {
  jb_ctx *ctx;
  char *text; /* normalized text, UTF-8 */
  size_t len;
  uint32_t *max_end_at, *max_end_before; /* per byte: longest name occurrence starting there / before */
  const char *region; /* prefectures the document is about, "|"-separated */
  uint64_t *seen;     /* hashes of the text's 6-byte runs: a word absent here is not searched */
  unsigned seen_bits; /* log2 of the bits in seen */
} jb_doc_places;

void jb__doc_places_init(jb_ctx *ctx, const jb_gazetteer *g, const jb_doc *doc, const char *region,
                         jb_doc_places *dp);
void jb__doc_places_fini(jb_doc_places *dp);
/* Byte offsets (up to max) where the document names place e: its name, or an
 * alias of two or more characters, not inside a longer place name, and not a
 * short name that begins another name (贡嘎茶场) unless e lies in the region. */
size_t jb__place_occurrences(const jb_doc_places *dp, const jb_gaz_entry *e, size_t *out, size_t max);
/* Code-point index of a byte offset in dp->text. */
size_t jb__doc_places_cp(const jb_doc_places *dp, size_t byte);

#endif
