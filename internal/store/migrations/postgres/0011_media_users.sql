-- The media address asks, at every request, whether a published story
-- shows the image; these indexes answer it without walking every article
-- or video story. IF NOT EXISTS: tests that take a database back to an
-- older version run the later migrations again.
CREATE INDEX IF NOT EXISTS articles_image ON articles (image_id);
CREATE INDEX IF NOT EXISTS videos_thumbnail ON videos (thumbnail_id);
