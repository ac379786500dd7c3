package newsroom

import (
	"errors"

	"dateline/internal/store"
	"dateline/internal/web"
)

func asErr[T error](err error, target *T) bool { return errors.As(err, target) }

func isConflict(err error) bool { return errors.Is(err, store.ErrConflict) }

var notFound = &web.Error{Status: 404, Message: "There is no such page in the newsroom."}
