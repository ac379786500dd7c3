package auth

// Action is something a staff member may be allowed to do. The values are
// stable strings so they can appear in audit records.
type Action string

// The actions. Editing a particular article needs WriteArticle and, in
// addition, CanEdit for that article.
const (
	WriteArticle     Action = "article.write"   // create articles and edit the ones CanEdit allows
	SubmitArticle    Action = "article.submit"  // draft -> review
	PublishArticle   Action = "article.publish" // publish now
	ScheduleArticle  Action = "article.schedule"
	UnpublishArticle Action = "article.unpublish"
	CorrectArticle   Action = "article.correct" // append a correction/update note
	RestoreRevision  Action = "article.restore"
	EditAnyArticle   Action = "article.edit_any"
	UploadMedia      Action = "media.upload"
	ManageTaxonomy   Action = "taxonomy.manage" // sections and tags
	ModerateComments Action = "comments.moderate"
	ManageStaff      Action = "staff.manage"
	ViewAudit        Action = "audit.view"
	ManageSettings   Action = "settings.manage"
	ManageOwnTokens  Action = "tokens.manage"
)

// Actions lists every action.
var Actions = []Action{
	WriteArticle, SubmitArticle, PublishArticle, ScheduleArticle,
	UnpublishArticle, CorrectArticle, RestoreRevision, EditAnyArticle,
	UploadMedia, ManageTaxonomy, ModerateComments, ManageStaff, ViewAudit,
	ManageSettings, ManageOwnTokens,
}

// Can reports whether role r may perform action a. An unknown role or an
// unknown action is always denied.
//
// The rules are switches rather than a shared map so that nothing at package
// level can be changed at run time.
func Can(r Role, a Action) bool {
	switch r {
	case Reporter:
		return reporterCan(a)
	case Editor:
		return reporterCan(a) || editorCan(a)
	case Moderator:
		return a == ModerateComments || a == ManageOwnTokens
	case Admin:
		return a.valid()
	}
	return false
}

func reporterCan(a Action) bool {
	switch a {
	case WriteArticle, SubmitArticle, UploadMedia, ManageOwnTokens:
		return true
	}
	return false
}

// editorCan lists what an editor has beyond a reporter.
func editorCan(a Action) bool {
	switch a {
	case PublishArticle, ScheduleArticle, UnpublishArticle, CorrectArticle,
		RestoreRevision, EditAnyArticle, ManageTaxonomy:
		return true
	}
	return false
}

func (a Action) valid() bool {
	for _, v := range Actions {
		if a == v {
			return true
		}
	}
	return false
}
