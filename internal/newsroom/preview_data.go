package newsroom

import (
	"html/template"
	"time"
)

// PreviewData is the data of the live preview fragment.
type PreviewData struct {
	Headline string
	Summary  string
	Place    string
	Body     template.HTML // from markup.Render: sanitised
	Now      time.Time
}
