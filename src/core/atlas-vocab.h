/* atlas-vocab.h
 *
 * Copyright 2026 The Cooperation Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "atlas-types.h"

G_BEGIN_DECLS

/* The reference vocabularies (the JSON files of data/vocabulary, compiled into the
 * core's GResource): GDC objectives, WSIS Action Lines, SDGs, digital
 * priorities, organisation types, UN M49 regions and ISO 3166-1 countries.
 * Loaded once, immutable afterwards, safe to use from any thread.  Names are
 * English in the structs; the _get_name() functions return them translated
 * (our gettext domain, or iso-codes' "iso_3166-1" domain for countries). */

typedef struct
{
  const char *id;           /* "1", "C7.e-health", "ai-governance", "un-entity" */
  guint       bit;          /* bit in the record's bit set, or the enum value */
  const char *name;         /* English */
  const char *short_name;   /* English, NULL when the name is already short */
  const char *color;        /* "#E5243B" for SDGs, NULL elsewhere */
  int         parent;       /* index of the parent term (C7 for its sub-lines) or -1 */
} AtlasTerm;

typedef struct
{
  const char *alpha2;       /* "KE" */
  const char *alpha3;       /* "KEN" */
  guint16     numeric;      /* 404 */
  guint16     region;       /* M49 region, e.g. 2 (Africa) */
  guint16     subregion;    /* M49 sub-region, e.g. 202 (Sub-Saharan Africa) */
  guint16     intermediate; /* M49 intermediate region, e.g. 14 (Eastern Africa), or 0 */
  double      latitude;     /* a representative point inside the country */
  double      longitude;
  const char *name;         /* English, as iso-codes spells it (common name when it has one) */
} AtlasCountry;

typedef struct
{
  guint16     code;         /* M49 code, e.g. 2 */
  guint16     parent;       /* M49 code of the parent region, 0 for the World (1) */
  guint       depth;        /* 0 World, 1 continent, 2 sub-region, 3 intermediate */
  const char *name;         /* English */
} AtlasRegion;

AtlasVocab         *atlas_vocab_get_default                (void);

/* GDC objectives, WSIS lines, SDGs, priorities and organisation types.
 * Only those facets have terms; others return NULL with *n_terms = 0. */
const AtlasTerm    *atlas_vocab_get_terms                  (AtlasVocab         *self,
                                                            AtlasFacet          facet,
                                                            guint              *n_terms);
const AtlasTerm    *atlas_vocab_find_term                  (AtlasVocab         *self,
                                                            AtlasFacet          facet,
                                                            const char         *id);
const char         *atlas_term_get_name                    (const AtlasTerm    *term,
                                                            AtlasFacet          facet);
const char         *atlas_term_get_short_name              (const AtlasTerm    *term,
                                                            AtlasFacet          facet);

guint               atlas_vocab_get_n_countries            (AtlasVocab         *self);
const AtlasCountry *atlas_vocab_get_country                (AtlasVocab         *self,
                                                            guint               index);
/* Index of the country with this alpha-2 code (any case), or -1. */
int                 atlas_vocab_find_country               (AtlasVocab         *self,
                                                            const char         *alpha2);
/* Index of the country a free-text name designates ("VietNam", "Czechia
 * (Czech Republic)", "Côte d'Ivoire", "Palestine State"), using the names of
 * iso-codes and the alias table data/vocabulary/country-aliases.json; -1 when
 * nothing matches. */
int                 atlas_vocab_find_country_by_name       (AtlasVocab         *self,
                                                            const char         *name);
const char         *atlas_country_get_name                 (const AtlasCountry *country);
/* Appends to @names (of const char*, borrowed) every name a search should
 * know the country (by index) by: its English name, iso-codes' name when it
 * differs ("Viet Nam"), and their translations in the current locale;
 * without repeats. */
void                atlas_vocab_add_country_search_names   (AtlasVocab         *self,
                                                            guint               index,
                                                            GPtrArray          *names);

guint               atlas_vocab_get_n_regions              (AtlasVocab         *self);
const AtlasRegion  *atlas_vocab_get_region                 (AtlasVocab         *self,
                                                            guint               index);
/* Index of the region with this M49 code, or -1. */
int                 atlas_vocab_find_region                (AtlasVocab         *self,
                                                            guint16             code);
const char         *atlas_region_get_name                  (const AtlasRegion  *region);
/* TRUE when @inner is @outer or lies inside it. */
gboolean            atlas_vocab_region_contains            (AtlasVocab         *self,
                                                            guint16             outer,
                                                            guint16             inner);
/* TRUE when the country (by index) lies inside the region (any level). */
gboolean            atlas_vocab_country_in_region          (AtlasVocab         *self,
                                                            guint               country,
                                                            guint16             region);

G_END_DECLS
