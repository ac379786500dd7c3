package api

import (
	"net/http"

	"dateline/internal/auth"
	"dateline/internal/desk"
	"dateline/internal/news"
	"dateline/internal/web"
)

// AdminProgramme is a programme with its slots.
type AdminProgramme struct {
	ID          int64       `json:"id"`
	Slug        string      `json:"slug"`
	Name        string      `json:"name"`
	Description string      `json:"description"`
	Lang        string      `json:"lang"`
	Slots       []AdminSlot `json:"slots"`
}

// AdminSlot is a regular airing of a programme.
type AdminSlot struct {
	ID       int64  `json:"id"`
	Slug     string `json:"slug"`
	Name     string `json:"name"`
	Position int    `json:"position"`
}

func adminProgrammeJSON(p news.Programme) AdminProgramme {
	out := AdminProgramme{ID: p.ID, Slug: p.Slug, Name: p.Name, Description: p.Description, Lang: p.Lang, Slots: []AdminSlot{}}
	for _, sl := range p.Slots {
		out.Slots = append(out.Slots, AdminSlot{ID: sl.ID, Slug: sl.Slug, Name: sl.Name, Position: sl.Position})
	}
	return out
}

// programmeRequest is the body of POST /api/v1/admin/programmes.
type programmeRequest struct {
	Name        string `json:"name"`
	Slug        string `json:"slug"` // empty: made from the name
	Description string `json:"description"`
	Lang        string `json:"lang"` // empty: "en"
	Slots       []struct {
		Name     string `json:"name"`
		Slug     string `json:"slug"`
		Position int    `json:"position"`
	} `json:"slots"`
}

// listAdminProgrammes answers GET /api/v1/admin/programmes, for anyone who
// makes video stories: episodes name their programme and slot by slug.
func (a *API) listAdminProgrammes(w http.ResponseWriter, r *http.Request, actor auth.Actor) error {
	if !auth.Can(actor.Role(), auth.WriteArticle) {
		return &auth.Forbidden{What: "make video stories"}
	}
	list, err := a.store.Programmes(r.Context())
	if err != nil {
		return err
	}
	out := struct {
		Items []AdminProgramme `json:"items"`
	}{Items: []AdminProgramme{}}
	for _, p := range list {
		out.Items = append(out.Items, adminProgrammeJSON(p))
	}
	return web.WriteJSON(w, http.StatusOK, out)
}

// createAdminProgramme answers POST /api/v1/admin/programmes (editors).
func (a *API) createAdminProgramme(w http.ResponseWriter, r *http.Request, actor auth.Actor) error {
	if !auth.Can(actor.Role(), auth.ManageTaxonomy) {
		return &auth.Forbidden{What: "manage programmes"}
	}
	var req programmeRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	dr := desk.ProgrammeDraft{Name: req.Name, Slug: req.Slug, Description: req.Description, Lang: req.Lang}
	for _, sl := range req.Slots {
		dr.Slots = append(dr.Slots, desk.SlotDraft{Name: sl.Name, Slug: sl.Slug, Position: sl.Position})
	}
	p, err := a.desk.CreateProgramme(r.Context(), actor, dr)
	if err != nil {
		return err
	}
	if p, err = a.store.ProgrammeByID(r.Context(), p.ID); err != nil {
		return err
	}
	return web.WriteJSON(w, http.StatusCreated, adminProgrammeJSON(p))
}
