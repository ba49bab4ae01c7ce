import { writeFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Compilation, Compiler, Module } from 'webpack';

const COMPRESSIBLE = /\.(js|css|html|svg|json|txt)$/;
const MIN_BYTES = 1024;

/**
 * Writes `<asset>.br` and `<asset>.gz` beside every text asset of the H5 build, so the server sends them with
 * `@fastify/static`'s `preCompressed` (no compression work per request, best brotli level once at build).
 */
export class PrecompressPlugin {
  apply(compiler: Compiler): void {
    const { Compilation: C, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap('PrecompressPlugin', (compilation: Compilation) => {
      compilation.hooks.processAssets.tap({ name: 'PrecompressPlugin', stage: C.PROCESS_ASSETS_STAGE_OPTIMIZE_TRANSFER }, (assets) => {
        for (const [name, source] of Object.entries(assets)) {
          if (!COMPRESSIBLE.test(name)) continue;
          const raw = source.buffer();
          if (raw.length < MIN_BYTES) continue;
          const br = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } });
          const gz = gzipSync(raw, { level: 9 });
          if (br.length < raw.length) compilation.emitAsset(`${name}.br`, new sources.RawSource(br));
          if (gz.length < raw.length) compilation.emitAsset(`${name}.gz`, new sources.RawSource(gz));
        }
      });
    });
  }
}

/**
 * With XJY_BUNDLE_STATS=<file>: each chunk's files, size and biggest modules, to see what a page loads. Read from the
 * compilation itself, not `stats.toJson`: modules restored from the persistent cache are nameless there, and a
 * concatenated module ("x.js + 4 modules") is listed by its parts, so every package shows its own size.
 */
export class BundleStatsPlugin {
  constructor(private readonly file: string) {}

  apply(compiler: Compiler): void {
    compiler.hooks.done.tap('BundleStatsPlugin', ({ compilation }) => {
      const { chunkGraph, requestShortener } = compilation;
      const parts = (m: Module): Module[] => {
        const inner = (m as Module & { modules?: Module[] }).modules;
        return inner?.length ? inner.flatMap(parts) : [m];
      };
      const chunks = [...compilation.chunks].map((c) => ({
        id: c.id,
        name: c.name,
        files: [...c.files],
        initial: c.canBeInitial(),
        size: chunkGraph.getChunkSize(c),
        origins: [...c.groupsIterable].flatMap((g) => g.origins.map((o) => o.module?.readableIdentifier(requestShortener))).slice(0, 5),
        modules: [...chunkGraph.getChunkModulesIterable(c)]
          .flatMap(parts)
          .map((m) => ({ name: m.readableIdentifier(requestShortener), size: m.size() }))
          .sort((a, b) => b.size - a.size)
          .slice(0, 80),
      }));
      writeFileSync(this.file, JSON.stringify(chunks, null, 1));
    });
  }
}
