// Writes the file tree a YoWASP package embeds in gen/resources-*.js (its `filesystem` export: nested objects of
// file name -> text, or -> URL of a file shipped beside it) under a host directory, so a plain WASI runtime can
// preopen it where the package's own JS runtime would have mounted it.
// Usage: node extract-resources.mjs RESOURCES_JS OUT_DIR
import { mkdirSync, writeFileSync, copyFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL, fileURLToPath } from "node:url";

const [resourcesJs, outDir] = process.argv.slice(2);
if (!resourcesJs || !outDir) {
    console.error("usage: node extract-resources.mjs RESOURCES_JS OUT_DIR");
    process.exit(2);
}
const { filesystem } = await import(pathToFileURL(resourcesJs).href);

function write(tree, dir) {
    mkdirSync(dir, { recursive: true });
    for (const [name, value] of Object.entries(tree)) {
        const path = join(dir, name);
        if (typeof value === "string" || value instanceof Uint8Array) {
            writeFileSync(path, value);
        } else if (value instanceof URL) {
            copyFileSync(fileURLToPath(value), path);
        } else {
            write(value, path);
        }
    }
}
write(filesystem, outDir);
