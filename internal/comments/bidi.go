package comments

// directionOverride reports the bidirectional formatting characters that
// reorder the text after them until they are closed: the embeddings and
// overrides (U+202A–U+202E) and the isolates (U+2066–U+2069). In a comment
// they can make text read differently from what the checks saw ("moc.elpmaxe"
// shown as a link), so a comment with them is refused. Sinhala and Tamil
// need the joiners U+200C and U+200D, which are not among them.
func directionOverride(r rune) bool {
	return (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069)
}

// directionControl is directionOverride and the direction marks LRM, RLM
// and ALM (U+200E, U+200F, U+061C). A body may keep the marks, which only
// settle where neutral characters such as punctuation go in mixed-direction
// text; a display name has no use for any of them, and in a name shown
// beside other text even a mark can move the name's punctuation.
func directionControl(r rune) bool {
	return directionOverride(r) || r == 0x200E || r == 0x200F || r == 0x061C
}
