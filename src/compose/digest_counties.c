/* Which counties get a one-pager: those with at least two figures of their own. */
#include <string.h>

#include "compose/digest_imp.h"

size_t jb_dg_own_quantities(const jb_digest_input *in, const char *county) {
  size_t c = 0, n = jb_facts_count(in->facts);
  for (size_t i = 0; i < n; i++) {
    const jb_fact *f = jb_dg_fact(in, i);
    c += f->place && jb_dg_is_quantity(f) && !strcmp(f->place, county);
  }
  return c;
}

/* Counties with at least two figures of their own: a page that only says the
 * reports give nothing, or the prefecture's figures again, helps no reader. */
jb_digest_names jb_digest_counties(jb_ctx *ctx, const jb_digest_input *in) {
  jb_digest_names all = jb_digest_places(ctx, in, "county");
  size_t w = 0;
  for (size_t i = 0; i < all.n; i++) {
    if (jb_dg_own_quantities(in, all.names[i]) >= 2) all.names[w++] = all.names[i];
    else jb_free(ctx, all.names[i]);
  }
  all.n = w;
  return all;
}

/* Counties the reports name without figures of their own (listed, not paged). */
jb_digest_names jb_digest_counties_without(jb_ctx *ctx, const jb_digest_input *in) {
  jb_digest_names all = jb_digest_places(ctx, in, "county");
  size_t w = 0;
  for (size_t i = 0; i < all.n; i++) {
    if (jb_dg_own_quantities(in, all.names[i]) < 2) all.names[w++] = all.names[i];
    else jb_free(ctx, all.names[i]);
  }
  all.n = w;
  return all;
}

