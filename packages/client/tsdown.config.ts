import { defineConfig } from "tsdown";
import { universal } from "../../tools/tsdown.ts";

export default defineConfig(universal);
