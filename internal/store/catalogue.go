package store

// catalogue holds the SQL of every query the store runs, for the store's
// dialect, one field per named block of the .sql files beside the store
// code. Open fills it with loadQueries and refuses to start when a field
// has no SQL or a block fills no field, so a query the code names always
// exists: a typo is a compile error, not a panic in production.
//
// A field tagged with a dialect (`query:"notify-pages,postgres"`) exists
// for that engine only and is empty on the other.
type catalogue struct {
	// articles.sql
	InsertArticle              string `query:"insert-article"`
	UpdateArticle              string `query:"update-article"`
	ArticleStatusVersion       string `query:"article-status-version"`
	DeleteArticleTags          string `query:"delete-article-tags"`
	InsertArticleTag           string `query:"insert-article-tag"`
	DeleteArticleAuthors       string `query:"delete-article-authors"`
	InsertArticleAuthor        string `query:"insert-article-author"`
	ArticleByID                string `query:"article-by-id"`
	PublishedArticleByID       string `query:"published-article-by-id"`
	PublishedLatest            string `query:"published-latest"`
	PublishedLatestCount       string `query:"published-latest-count"`
	PublishedLatestAny         string `query:"published-latest-any"`
	PublishedLatestAnyCount    string `query:"published-latest-any-count"`
	PublishedBySection         string `query:"published-by-section"`
	PublishedBySectionCount    string `query:"published-by-section-count"`
	PublishedBySectionAny      string `query:"published-by-section-any"`
	PublishedBySectionAnyCount string `query:"published-by-section-any-count"`
	PublishedByTag             string `query:"published-by-tag"`
	PublishedByTagCount        string `query:"published-by-tag-count"`
	PublishedByTagAny          string `query:"published-by-tag-any"`
	PublishedByTagAnyCount     string `query:"published-by-tag-any-count"`
	RelatedInSection           string `query:"related-in-section"`
	TagsOfArticles             string `query:"tags-of-articles"`
	AuthorsOfArticles          string `query:"authors-of-articles"`
	SitemapArticles            string `query:"sitemap-articles"`
	NewsSitemapArticles        string `query:"news-sitemap-articles"`
	LastPublishedUpdate        string `query:"last-published-update"`
	BodiesOfArticles           string `query:"bodies-of-articles"`
	NewsroomArticles           string `query:"newsroom-articles"`
	NewsroomArticlesCount      string `query:"newsroom-articles-count"`
	DeleteArticle              string `query:"delete-article"`

	// audit.sql
	InsertAudit  string `query:"insert-audit"`
	AuditPage    string `query:"audit-page"`
	SigninAlerts string `query:"signin-alerts"`

	// comments.sql
	InsertComment         string `query:"insert-comment"`
	CommentByID           string `query:"comment-by-id"`
	ApprovedComments      string `query:"approved-comments"`
	CommentQueue          string `query:"comment-queue"`
	CommentQueueNewest    string `query:"comment-queue-newest"`
	CountCommentsByStatus string `query:"count-comments-by-status"`
	CommentQueueFlagged   string `query:"comment-queue-flagged"`
	CountCommentsFlagged  string `query:"count-comments-flagged"`
	OldestWaiting         string `query:"oldest-waiting"`
	DecideComment         string `query:"decide-comment"`
	ClearFlags            string `query:"clear-flags"`
	ResetFlagCount        string `query:"reset-flag-count"`
	CommentFlags          string `query:"comment-flags"`
	FlaggedBy             string `query:"flagged-by"`
	InsertFlag            string `query:"insert-flag"`
	CountFlags            string `query:"count-flags"`
	FlagAddresses         string `query:"flag-addresses"`
	HideReported          string `query:"hide-reported"`
	RecentDuplicate       string `query:"recent-duplicate"`
	RecentByVisitor       string `query:"recent-by-visitor"`
	HistoryByEmail        string `query:"history-by-email"`
	HistoryByVisitor      string `query:"history-by-visitor"`
	InsertBan             string `query:"insert-ban"`
	ActiveBan             string `query:"active-ban"`
	Setting               string `query:"setting"`
	SetSetting            string `query:"set-setting"`
	InsertSettingIfAbsent string `query:"insert-setting-if-absent"`
	ArticleCommentMode    string `query:"article-comment-mode"`
	SetArticleCommentMode string `query:"set-article-comment-mode"`
	ImportComment         string `query:"import-comment"`
	ImportComments        string `query:"import-comments,postgres"`
	Bans                  string `query:"bans"`
	LiftBan               string `query:"lift-ban"`

	// corrections.sql
	InsertCorrection     string `query:"insert-correction"`
	BumpArticle          string `query:"bump-article"`
	CorrectionsOfArticle string `query:"corrections-of-article"`

	// media.sql
	InsertMedia           string `query:"insert-media"`
	InsertMediaFile       string `query:"insert-media-file"`
	MediaByID             string `query:"media-by-id"`
	MediaFile             string `query:"media-file"`
	PublishedStoryByMedia string `query:"published-story-by-media"`
	StoriesByMedia        string `query:"stories-by-media"`

	// moderation_undo.sql
	DeleteOldUndos      string `query:"delete-old-undos"`
	InsertUndo          string `query:"insert-undo"`
	UndoByID            string `query:"undo-by-id"`
	UndoByToken         string `query:"undo-by-token"`
	UndoCommentIDs      string `query:"undo-comment-ids"`
	KeepUndoComment     string `query:"keep-undo-comment"`
	KeepUndoAfter       string `query:"keep-undo-after"`
	KeepUndoFlags       string `query:"keep-undo-flags"`
	ClaimUndo           string `query:"claim-undo"`
	UndoChangedComments string `query:"undo-changed-comments"`
	UndoComments        string `query:"undo-comments"`
	UndoRestoreComments string `query:"undo-restore-comments"`
	UndoRestoreFlags    string `query:"undo-restore-flags"`
	UndoBanUnchanged    string `query:"undo-ban-unchanged"`
	UndoBan             string `query:"undo-ban"`
	UndoLiftBan         string `query:"undo-lift-ban"`
	ActiveBanExpiry     string `query:"active-ban-expiry"`

	// pages.sql
	ArticlePageFacts       string `query:"article-page-facts"`
	ArticlePageTags        string `query:"article-page-tags"`
	CommentArticle         string `query:"comment-article"`
	ArticlesEmbeddingVideo string `query:"articles-embedding-video"`
	NotifyPages            string `query:"notify-pages,postgres"`

	// revisions.sql
	InsertRevision     string `query:"insert-revision"`
	RevisionsOfArticle string `query:"revisions-of-article"`
	RevisionByID       string `query:"revision-by-id"`

	// schedule.sql
	DueScheduled string `query:"due-scheduled"`

	// search.sql
	SearchPlan           string `query:"search-plan,postgres"`
	SearchCount          string `query:"search-count"`
	SearchRanked         string `query:"search-ranked"`
	SearchRecent         string `query:"search-recent"`
	SearchArticles       string `query:"search-articles"`
	SearchVideos         string `query:"search-videos"`
	SearchArticleSource  string `query:"search-article-source"`
	SearchArticlesAfter  string `query:"search-articles-after"`
	SearchVideoSource    string `query:"search-video-source"`
	SearchVideosAfter    string `query:"search-videos-after"`
	SearchTagsOfVideos   string `query:"search-tags-of-videos"`
	SearchTagsOfArticles string `query:"search-tags-of-articles"`
	SearchDocsWithTag    string `query:"search-docs-with-tag"`
	UnindexFTS           string `query:"unindex-fts,sqlite"`
	UnindexDoc           string `query:"unindex-doc"`
	InsertSearchDoc      string `query:"insert-search-doc"`
	InsertSearchFTS      string `query:"insert-search-fts,sqlite"`
	ClearSearchFTS       string `query:"clear-search-fts,sqlite"`
	ClearSearchDocs      string `query:"clear-search-docs"`

	// sections.sql
	InsertSection     string `query:"insert-section"`
	Sections          string `query:"sections"`
	SectionsIn        string `query:"sections-in"`
	SectionBySlug     string `query:"section-by-slug"`
	SectionBySlugIn   string `query:"section-by-slug-in"`
	SectionNames      string `query:"section-names"`
	UpsertSectionName string `query:"upsert-section-name"`
	DeleteSectionName string `query:"delete-section-name"`
	SectionByID       string `query:"section-by-id"`
	UpdateSection     string `query:"update-section"`
	Tags              string `query:"tags"`
	RenameTag         string `query:"rename-tag"`

	// sessions.sql
	InsertSession       string `query:"insert-session"`
	SessionAccount      string `query:"session-account"`
	TouchSession        string `query:"touch-session"`
	DeleteSession       string `query:"delete-session"`
	DeleteStaffSessions string `query:"delete-staff-sessions"`
	PruneSessions       string `query:"prune-sessions"`
	InsertSetupToken    string `query:"insert-setup-token"`
	UseSetupToken       string `query:"use-setup-token"`
	SetupTokenValid     string `query:"setup-token-valid"`

	// signin.sql
	CountSigninAttempt   string `query:"count-signin-attempt"`
	ForgiveSigninAttempt string `query:"forgive-signin-attempt"`
	TouchSigninAttempts  string `query:"touch-signin-attempts"`
	ClearSigninAttempts  string `query:"clear-signin-attempts"`
	ClearSigninSubject   string `query:"clear-signin-subject"`
	RememberSigninPlace  string `query:"remember-signin-place"`
	SigninPlaceKnown     string `query:"signin-place-known"`
	PruneSigninAttempts  string `query:"prune-signin-attempts"`
	PruneSigninPlaces    string `query:"prune-signin-places"`

	// staff.sql
	InsertStaff    string `query:"insert-staff"`
	StaffBySlug    string `query:"staff-by-slug"`
	AccountByID    string `query:"account-by-id"`
	AccountByEmail string `query:"account-by-email"`
	Accounts       string `query:"accounts"`
	AdminExists    string `query:"admin-exists"`
	SetPassword    string `query:"set-password"`
	SetRoleActive  string `query:"set-role-active"`
	LoginFailed    string `query:"login-failed"`
	LoginSucceeded string `query:"login-succeeded"`

	// tags.sql
	TagBySlug string `query:"tag-by-slug"`
	InsertTag string `query:"insert-tag"`

	// tokens.sql
	InsertToken       string `query:"insert-token"`
	TokensOfStaff     string `query:"tokens-of-staff"`
	RevokeToken       string `query:"revoke-token"`
	RevokeStaffTokens string `query:"revoke-staff-tokens"`
	TokenAccount      string `query:"token-account"`
	TokenUsed         string `query:"token-used"`

	// translations.sql
	ArticleLang            string `query:"article-lang"`
	TranslationGroup       string `query:"translation-group"`
	InsertTranslation      string `query:"insert-translation"`
	DeleteTranslation      string `query:"delete-translation"`
	TranslationGroupSize   string `query:"translation-group-size"`
	DeleteTranslationGroup string `query:"delete-translation-group"`
	UpdateTranslationLang  string `query:"update-translation-lang"`
	TranslationsOf         string `query:"translations-of"`

	// video_public.sql
	PublishedVideoByFile string `query:"published-video-by-file"`

	// videos.sql
	InsertProgramme         string `query:"insert-programme"`
	UpdateProgramme         string `query:"update-programme"`
	Programmes              string `query:"programmes"`
	ProgrammeBySlug         string `query:"programme-by-slug"`
	ProgrammeByID           string `query:"programme-by-id"`
	InsertSlot              string `query:"insert-slot"`
	SlotsOfProgramme        string `query:"slots-of-programme"`
	InsertVideoFile         string `query:"insert-video-file"`
	InsertVideoChunk        string `query:"insert-video-chunk"`
	FinishVideoFile         string `query:"finish-video-file"`
	VideoFile               string `query:"video-file"`
	VideoChunk              string `query:"video-chunk"`
	InsertVideo             string `query:"insert-video"`
	UpdateVideo             string `query:"update-video"`
	VideoStatusVersion      string `query:"video-status-version"`
	UnlinkVideoFromArticles string `query:"unlink-video-from-articles"`
	DeleteVideo             string `query:"delete-video"`
	DeleteVideoTags         string `query:"delete-video-tags"`
	InsertVideoTag          string `query:"insert-video-tag"`
	VideoByID               string `query:"video-by-id"`
	PublishedVideos         string `query:"published-videos"`
	PublishedVideosCount    string `query:"published-videos-count"`
	ProgrammeEpisodes       string `query:"programme-episodes"`
	NewsroomVideos          string `query:"newsroom-videos"`
	NewsroomVideosCount     string `query:"newsroom-videos-count"`
	TagsOfVideo             string `query:"tags-of-video"`
	SetArticleVideo         string `query:"set-article-video"`
	ArticleVideo            string `query:"article-video"`

	// views.sql
	AddArticleView         string `query:"add-article-view"`
	AddVideoView           string `query:"add-video-view"`
	AddArticleViews        string `query:"add-article-views,postgres"`
	AddVideoViews          string `query:"add-video-views,postgres"`
	MostViewedArticles     string `query:"most-viewed-articles"`
	MostViewedAllArticles  string `query:"most-viewed-all-articles"`
	MostViewedVideos       string `query:"most-viewed-videos"`
	MostViewedAllVideos    string `query:"most-viewed-all-videos"`
	ViewsPerHour           string `query:"views-per-hour"`
	ViewsOfItems           string `query:"views-of-items"`
	InsertSalt             string `query:"insert-salt"`
	SaltOfDay              string `query:"salt-of-day"`
	DeleteOldSalts         string `query:"delete-old-salts"`
	PublishedArticleIDs    string `query:"published-article-ids"`
	PublishedVideoIDs      string `query:"published-video-ids"`
	PublishedArticleTitles string `query:"published-article-titles"`
	PublishedVideoTitles   string `query:"published-video-titles"`
	InsertViewReaders      string `query:"insert-view-readers"`
	AddAddressReaders      string `query:"add-address-readers"`
	DeleteOldViewReaders   string `query:"delete-old-view-readers"`
	DeleteOldViewAddresses string `query:"delete-old-view-addresses"`
}
