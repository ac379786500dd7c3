package newsroom

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"dateline/internal/auth"
	"dateline/internal/desk"
	"dateline/internal/news"
	"dateline/internal/store"
)

// ProgrammesData is the data of the programmes page.
type ProgrammesData struct {
	Frame
	Programmes []news.Programme
	New        ProgrammeForm // the new-programme form, as typed when refused
}

// ProgrammeForm is the new-programme form.
type ProgrammeForm struct {
	Name, Slug, Description, Lang, Slots string
}

// programmes lists the programmes with their slots, for editors.
func (n *Newsroom) programmes(w http.ResponseWriter, r *http.Request) error {
	return n.programmesPage(w, r, http.StatusOK, "", ProgrammeForm{Lang: "en"})
}

func (n *Newsroom) programmesPage(w http.ResponseWriter, r *http.Request, status int, problem string, form ProgrammeForm) error {
	if err := require(r, auth.ManageTaxonomy, "manage programmes"); err != nil {
		return err
	}
	list, err := n.store.Programmes(r.Context())
	if err != nil {
		return err
	}
	data := ProgrammesData{Frame: n.frame(r, "Programmes", "programmes"), Programmes: list, New: form}
	data.Error = problem
	return n.page(w, status, "programmes", data)
}

// saveProgramme creates a programme (with the slots listed one per line) or
// saves an existing one's own fields.
func (n *Newsroom) saveProgramme(w http.ResponseWriter, r *http.Request) error {
	form := ProgrammeForm{Name: r.PostFormValue("name"), Slug: r.PostFormValue("slug"),
		Description: r.PostFormValue("description"), Lang: r.PostFormValue("lang"), Slots: r.PostFormValue("slots")}
	dr := desk.ProgrammeDraft{Name: form.Name, Slug: form.Slug, Description: form.Description, Lang: form.Lang}
	var err error
	if raw := r.PathValue("id"); raw != "" {
		var id int64
		if id, err = pathID(r, "id"); err != nil {
			return err
		}
		_, err = n.desk.UpdateProgramme(r.Context(), actor(r), id, dr)
		form = ProgrammeForm{Lang: "en"} // the new-programme form was not the one sent
	} else {
		for i, line := range strings.Split(form.Slots, "\n") {
			if line = strings.TrimSpace(line); line != "" {
				dr.Slots = append(dr.Slots, desk.SlotDraft{Name: line, Position: (i + 1) * 10})
			}
		}
		_, err = n.desk.CreateProgramme(r.Context(), actor(r), dr)
	}
	if err != nil {
		return n.refusedProgramme(w, r, err, form)
	}
	return redirect(w, r, "/newsroom/programmes", "programme")
}

// addSlot adds a slot to a programme.
func (n *Newsroom) addSlot(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	position, _ := strconv.Atoi(strings.TrimSpace(r.PostFormValue("position")))
	_, err = n.desk.AddSlot(r.Context(), actor(r), id, desk.SlotDraft{Name: r.PostFormValue("name"),
		Slug: r.PostFormValue("slug"), Position: position})
	if err != nil {
		return n.refusedProgramme(w, r, err, ProgrammeForm{Lang: "en"})
	}
	return redirect(w, r, "/newsroom/programmes", "slot")
}

// refusedProgramme shows the programmes page again for a refused change
// (400 for bad fields, 409 for a taken slug); other errors pass through.
func (n *Newsroom) refusedProgramme(w http.ResponseWriter, r *http.Request, err error, form ProgrammeForm) error {
	var input *desk.InputError
	var taken *desk.Taken
	switch {
	case asErr(err, &input):
		return n.programmesPage(w, r, http.StatusBadRequest, input.Error(), form)
	case asErr(err, &taken):
		return n.programmesPage(w, r, http.StatusConflict, taken.Error(), form)
	case errors.Is(err, store.ErrNotFound):
		return notFound
	}
	return err
}
