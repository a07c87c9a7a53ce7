/* atlas-facet-section.h
 *
 * Copyright 2026 The Cooperation Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A collapsible section of the filter sidebar: a header (a button with the
 * title, an optional subtitle, and a status such as "2 selected", then a
 * "Clear" button shown while there is something to clear) over the
 * filter's controls.  "clear" is emitted by the Clear button.
 *
 * Properties: "title", "subtitle", "status" (strings), "expanded",
 * "can-clear" (booleans), "child" (the controls). */

#define ATLAS_TYPE_FACET_SECTION (atlas_facet_section_get_type ())

G_DECLARE_FINAL_TYPE (AtlasFacetSection, atlas_facet_section, ATLAS, FACET_SECTION, GtkWidget)

AtlasFacetSection *atlas_facet_section_new           (void);
const char        *atlas_facet_section_get_title     (AtlasFacetSection *self);
void               atlas_facet_section_set_title     (AtlasFacetSection *self,
                                                      const char        *title);
void               atlas_facet_section_set_subtitle  (AtlasFacetSection *self,
                                                      const char        *subtitle);
const char        *atlas_facet_section_get_status    (AtlasFacetSection *self);
void               atlas_facet_section_set_status    (AtlasFacetSection *self,
                                                      const char        *status);
gboolean           atlas_facet_section_get_expanded  (AtlasFacetSection *self);
void               atlas_facet_section_set_expanded  (AtlasFacetSection *self,
                                                      gboolean           expanded);
gboolean           atlas_facet_section_get_can_clear (AtlasFacetSection *self);
void               atlas_facet_section_set_can_clear (AtlasFacetSection *self,
                                                      gboolean           can_clear);
GtkWidget         *atlas_facet_section_get_child     (AtlasFacetSection *self);
void               atlas_facet_section_set_child     (AtlasFacetSection *self,
                                                      GtkWidget         *child);

G_END_DECLS
