-- The media address asks, at every request, whether a published story
-- shows the image; these indexes answer it without walking every article
-- or video story.
CREATE INDEX articles_image ON articles (image_id);
CREATE INDEX videos_thumbnail ON videos (thumbnail_id);
