// Types for @echogarden/pffft-wasm, which ships none: the Emscripten factory and the PFFFT
// functions it exports (their C declarations are in the package's src/pffft.h).
declare module '@echogarden/pffft-wasm' {
  export interface PffftModule {
    /** The WebAssembly heap as floats; replaced when the heap grows (on allocation). */
    HEAPF32: Float32Array;
    /** 0 (NULL) when PFFFT cannot do size n (real transforms: n a multiple of 32). */
    _pffft_new_setup(n: number, transform: 0 | 1): number;
    _pffft_destroy_setup(setup: number): void;
    _pffft_aligned_malloc(bytes: number): number;
    _pffft_aligned_free(pointer: number): void;
    /** direction 0 forward, 1 backward (unscaled); input and output may alias. */
    _pffft_transform_ordered(
      setup: number,
      input: number,
      output: number,
      work: number,
      direction: 0 | 1,
    ): void;
    /** 4 in the SIMD build, 1 in the scalar one. */
    _pffft_simd_size(): number;
  }
  const factory: (options?: { printErr?: (text: string) => void }) => Promise<PffftModule>;
  export default factory;
}

declare module '@echogarden/pffft-wasm/simd' {
  import type { PffftModule } from '@echogarden/pffft-wasm';
  const factory: (options?: { printErr?: (text: string) => void }) => Promise<PffftModule>;
  export default factory;
}
