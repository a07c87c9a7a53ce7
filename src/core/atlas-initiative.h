/* atlas-initiative.h
 *
 * Copyright 2026 The Cooperation Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "atlas-types.h"

G_BEGIN_DECLS

/* An initiative and the organisations it names, as plain reference-counted
 * records.  They are what the feed parsers produce, what the store writes
 * and reads back, and what the detail view and the exporters show.  All
 * strings are plain UTF-8 text, never markup.  Every pointer member may be
 * NULL when the feed did not give the field. */

typedef struct
{
  char      *organization;   /* organisation id within the same source */
  AtlasRole  role;
  /* Filled by the store when reading; ignored when writing. */
  char         *name;
  AtlasOrgType  type;
  gint64        rowid;       /* the organisation's rowid in the store */
} AtlasPartner;

typedef struct
{
  char *title;
  char *url;                 /* only http and https addresses are kept */
} AtlasLink;

typedef struct
{
  char                 *date;     /* YYYY, YYYY-MM or YYYY-MM-DD */
  char                 *title;
  AtlasMilestoneStatus  status;
  int                   progress; /* 0–100, or -1 when not given */
} AtlasMilestone;

typedef struct
{
  char *key;                 /* e.g. "stage", "type", "sectors", "license" */
  char *value;
} AtlasProperty;

struct _AtlasOrganization
{
  char         *id;          /* required, unique within its source */
  char         *name;        /* required */
  AtlasOrgType  type;
  char         *country;     /* ISO 3166-1 alpha-2, upper case */
  char         *website;     /* http or https only */

  /* Filled by the store when reading; ignored when writing. */
  gint64        rowid;
  gint64        source_id;
};

struct _AtlasInitiative
{
  char        *id;           /* required, unique within its source */
  char        *title;        /* required */
  char        *summary;
  char        *description;
  AtlasStatus  status;
  AtlasScope   scope;
  char        *start_date;   /* YYYY, YYYY-MM or YYYY-MM-DD */
  char        *end_date;
  char        *lead;         /* organisation id within the same source */
  GPtrArray   *partners;     /* of AtlasPartner*, never NULL */
  GPtrArray   *countries;    /* of char* (ISO 3166-1 alpha-2), never NULL */
  GArray      *regions;      /* of guint16 (UN M49 codes), never NULL */
  gboolean     has_location;
  double       latitude;
  double       longitude;
  guint32      gdc_objectives;    /* bit n-1 for objective n */
  guint32      wsis_lines;        /* bits of AtlasWsisLine */
  guint32      sdgs;              /* bit n-1 for SDG n */
  guint32      priorities;        /* bits of AtlasPriority */
  GPtrArray   *links;        /* of AtlasLink*, never NULL */
  GPtrArray   *milestones;   /* of AtlasMilestone*, never NULL */
  GPtrArray   *properties;   /* of AtlasProperty*, never NULL */
  char        *updated_at;   /* RFC 3339 */

  /* Filled by the store when reading; ignored when writing. */
  gint64        rowid;
  gint64        source_id;
  char         *source_url;
  char         *source_title;
  char         *lead_name;
  AtlasOrgType  lead_type;
  gint64        lead_rowid;
};

GType              atlas_initiative_get_type      (void) G_GNUC_CONST;
AtlasInitiative   *atlas_initiative_new           (void);
AtlasInitiative   *atlas_initiative_ref           (AtlasInitiative       *self);
void               atlas_initiative_unref         (AtlasInitiative       *self);
void               atlas_initiative_add_partner   (AtlasInitiative       *self,
                                                   const char            *organization,
                                                   AtlasRole              role);
void               atlas_initiative_add_link      (AtlasInitiative       *self,
                                                   const char            *title,
                                                   const char            *url);
void               atlas_initiative_add_milestone (AtlasInitiative       *self,
                                                   const char            *date,
                                                   const char            *title,
                                                   AtlasMilestoneStatus   status,
                                                   int                    progress);
void               atlas_initiative_set_property  (AtlasInitiative       *self,
                                                   const char            *key,
                                                   const char            *value);
const char        *atlas_initiative_get_property  (AtlasInitiative       *self,
                                                   const char            *key);
gboolean           atlas_initiative_has_country   (AtlasInitiative       *self,
                                                   const char            *alpha2);
int                atlas_initiative_get_start_year (AtlasInitiative      *self);
gboolean           atlas_initiative_equal         (const AtlasInitiative *a,
                                                   const AtlasInitiative *b);

GType              atlas_organization_get_type    (void) G_GNUC_CONST;
AtlasOrganization *atlas_organization_new         (void);
AtlasOrganization *atlas_organization_ref         (AtlasOrganization     *self);
void               atlas_organization_unref       (AtlasOrganization     *self);
gboolean           atlas_organization_equal       (const AtlasOrganization *a,
                                                   const AtlasOrganization *b);

/* Helpers shared by parsers and the UI. */
gboolean           atlas_date_is_valid            (const char            *date);
int                atlas_date_get_year            (const char            *date);
gboolean           atlas_uri_is_web               (const char            *uri);

/* The app's own address of an initiative, which the app opens (it is the
 * desktop's handler of the scheme):
 * cooperation-atlas://initiative?source=<source url>&id=<initiative id>,
 * both values percent-encoded. */
#define ATLAS_LINK_SCHEME "cooperation-atlas"
char              *atlas_link_uri_new             (const char            *source_url,
                                                   const char            *id);
gboolean           atlas_link_uri_parse           (const char            *uri,
                                                   char                 **source_url,
                                                   char                 **id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasInitiative, atlas_initiative_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasOrganization, atlas_organization_unref)

G_END_DECLS
