-- The last computed desired state of each device, as published (retained) and served to polling
-- agents. Stored rather than recomputed on read so the document, its revision and its hash always
-- agree, and so the broker can re-publish every retained copy after a restart.
ALTER TABLE devices ADD COLUMN desired TEXT;
