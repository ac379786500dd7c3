package newsroom

import (
	"net/http"
	"strings"

	"dateline/internal/auth"
	"dateline/internal/store"
)

// saveSectionNames sets a section's name and description in each edition
// other than English; a blank name falls back to the English one.
func (n *Newsroom) saveSectionNames(w http.ResponseWriter, r *http.Request) error {
	if err := require(r, auth.ManageTaxonomy, "manage sections and tags"); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if _, err := n.store.SectionByID(r.Context(), id); err != nil {
		return err
	}
	for _, ed := range n.cfg.Editions.All() {
		if ed.Lang == "en" {
			continue
		}
		nm := store.SectionName{SectionID: id, Lang: ed.Lang,
			Name:        strings.TrimSpace(r.PostFormValue("name_" + ed.Lang)),
			Description: strings.TrimSpace(r.PostFormValue("description_" + ed.Lang))}
		if len(nm.Name) > 180 || len(nm.Description) > 600 {
			return n.sectionsPage(w, r, http.StatusBadRequest, "A section name is at most 180 bytes and its description at most 600.")
		}
		if err := n.store.SetSectionName(r.Context(), nm, actor(r).Change("name", nm.Name)); err != nil {
			return err
		}
	}
	return redirect(w, r, "/newsroom/sections", "section")
}
