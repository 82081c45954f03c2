import { createRequire } from "node:module";

/**
 * Rasterises chart SVGs with resvg (N-API; the binary for each platform ships inside an npm
 * package of @resvg/resvg-js) and the bundled Noto Sans SC (OFL, TTF from
 * @expo-google-fonts/noto-sans-sc). No system font is read, so a chart looks the same on every
 * machine and Chinese never depends on what the host has installed.
 */
export const FONT_FAMILY = "Noto Sans SC";

const require = createRequire(import.meta.url);

/** The bundled font's file in node_modules. */
export function fontFile(): string {
  return require.resolve("@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf");
}

export interface Raster {
  png: Uint8Array;
  width: number;
  height: number;
  /** RGBA, row by row. */
  pixels: Uint8Array;
}

/** Renders an SVG to PNG off the main thread (resvg's async render). */
export async function rasterise(svg: string, options: { fontFiles?: string[] } = {}): Promise<Raster> {
  const { renderAsync } = await import("@resvg/resvg-js");
  const image = await renderAsync(svg, {
    font: { fontFiles: options.fontFiles ?? [fontFile()], loadSystemFonts: false, defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY },
    background: "#ffffff",
  });
  return { png: new Uint8Array(image.asPng()), width: image.width, height: image.height, pixels: new Uint8Array(image.pixels) };
}
