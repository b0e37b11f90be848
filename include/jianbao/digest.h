/* Digest (part of compose): the automatic briefing. From documents and their
 * extracted facts it writes briefing models (JSON, the format of
 * docs/briefing.md) that cite facts by id, so every number printed can be
 * traced to its sentence: the briefing pack and one page per county.
 *
 * Key figures are chosen by a fixed rule (docs/pack.md): money first (largest
 * total), then people (名 人 人次), then projects and other counts, then
 * percentages; one figure per measure, labels and qualifier-free dates never. */
#ifndef JIANBAO_DIGEST_H
#define JIANBAO_DIGEST_H

#include "jianbao/extract.h"
#include "jianbao/ingest.h"

/* Reused work for many county pages (the gazetteer, each document's place
 * index); optional, NULL = computed for each page. */
typedef struct jb_digest_cache jb_digest_cache;

typedef struct jb_digest_input {
  const jb_doc *const *docs;
  size_t n_docs;
  const jb_facts *facts;
  const char *facts_file; /* written into the model's "facts" key */
  const char *layout;     /* template name for the pack, NULL = brief */
  const char *const *titles; /* per document, from a manifest; NULL entries = from the text */
  const char *const *teams;  /* per document, the team giving aid; NULL = the main actor */
  const char *const *dates;  /* per document, its date as the manifest states it, or NULL */
  jb_digest_cache *cache;    /* from jb_digest_cache_new, or NULL */
} jb_digest_input;

jb_digest_cache *jb_digest_cache_new(jb_ctx *ctx, size_t n_docs);
void jb_digest_cache_free(jb_digest_cache *c);

/* Fact id used in facts.json and in fact references: "F<index>" (1-based). */
void jb_digest_fact_id(size_t index, char out[24]);

/* A document's title: the manifest's, its title line, else one composed from its
 * facts (subject, place, years); never a file name. Allocated. */
char *jb_digest_doc_title(jb_ctx *ctx, const jb_digest_input *in, size_t d);

/* A measure as a label of what is measured (a key figure's, a note's "measure：value"):
 * the noun phrase after its last verb (首批培训 -> none, 实现旅游总收入 -> 旅游总收入),
 * or 0 when it names none (a clause fragment, an event, 完成巴宜区 for place 巴宜区); unit
 * "%" asks for a rate's words. */
int jb_digest_measure_label(const char *measure, const char *unit, const char *place, char *out, size_t cap);

/* The briefing pack model, as JSON text (allocated; jb_free it). */
char *jb_digest_pack(jb_ctx *ctx, const jb_digest_input *in);

/* Canonical names of the counties and districts the facts are about, sorted
 * by prefecture then name; free with jb_digest_names_free. */
typedef struct jb_digest_names {
  char **names;
  size_t n;
} jb_digest_names;
/* Counties named without two figures of their own: listed in the pack, no page. */
jb_digest_names jb_digest_counties_without(jb_ctx *ctx, const jb_digest_input *in);
jb_digest_names jb_digest_counties(jb_ctx *ctx, const jb_digest_input *in);
/* The same for a gazetteer level: "county" or "prefecture" (sorted by parent, then name). */
jb_digest_names jb_digest_places(jb_ctx *ctx, const jb_digest_input *in, const char *level);
void jb_digest_names_free(jb_ctx *ctx, jb_digest_names *n);

/* The one-pager model of a county (or of a prefecture: its own facts, the province as context). max_facts bounds the county's own facts
 * listed in full (the rest are summarised as "另有 N 项" with their sources);
 * max_context bounds the prefecture-level context figures. */
char *jb_digest_county(jb_ctx *ctx, const jb_digest_input *in, const char *county, size_t max_facts,
                       size_t max_context);
/* Number of facts whose place is the county. */
size_t jb_digest_county_fact_count(const jb_digest_input *in, const char *county);

#endif
