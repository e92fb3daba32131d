-- 009 the terminal that trains a model (its terminal-id, main/engine/terminal-identity.ts): after a
-- crash, a terminal on a shared database fails its own interrupted trainings, not another's.
ALTER TABLE ml_models ADD COLUMN trained_on TEXT CHECK (length(trained_on) = 36 AND trained_on NOT GLOB '*[^0-9a-f-]*');
