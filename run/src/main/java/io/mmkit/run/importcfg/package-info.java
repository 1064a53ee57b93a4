/**
 * {@code mmkit import-config}: carries a Python-bot (Backpack-MM-Simple) configuration — its run.py flags or its
 * web console's JSON — over to an mmkit config with the same behaviour, converting what has the same meaning
 * under another unit or sign, and naming what has no equivalent. See docs/migrating-from-python.md.
 */
package io.mmkit.run.importcfg;
