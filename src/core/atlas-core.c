/* atlas-core.c
 *
 * Copyright 2026 The Cooperation Atlas authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * You should have received a copy of the GNU General Public License
 * along with this program.  If not, see <https://www.gnu.org/licenses/>.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "atlas-core"

#include "config.h"

#include <libintl.h>
#ifdef __GLIBC__
# include <malloc.h>
#endif

#include "atlas-core.h"
#include "atlas-core-resources.h"

void
atlas_core_init (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      atlas_core_register_resource ();

#ifdef __GLIBC__
      /* Each frame, GDK's cairo drawing takes a window-sized buffer (4 MB
       * for a 1280 by 800 window) and gives it back, as a query does its
       * arrays of 100,000 records.  By default glibc hands such memory
       * back to the kernel, and the next frame takes its pages again, one
       * fault per page: half a millisecond of a click at 100,000
       * initiatives.  Blocks up to 32 MB come from the heap, and up to
       * 64 MB of free heap stays for the next frame. */
      mallopt (M_MMAP_THRESHOLD, 32 * 1024 * 1024);
      mallopt (M_TRIM_THRESHOLD, 64 * 1024 * 1024);
#endif

      /* Country names come translated from iso-codes' own catalogue. */
      bind_textdomain_codeset ("iso_3166-1", "UTF-8");
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

      g_once_init_leave (&initialized, 1);
    }
}
