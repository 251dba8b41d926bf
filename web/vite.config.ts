import { defineConfig } from 'vite';

// `vite build web` (npm run build:web) → web/dist, which `electrolake serve`
// serves at `/`. Relative asset paths, so the bundle also works behind a
// reverse proxy under a sub-path.
export default defineConfig({
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // ECharts is the one big dependency: its own chunk, cached across releases of the app code.
    rollupOptions: { output: { manualChunks: { echarts: ['echarts/core', 'echarts/charts', 'echarts/components', 'echarts/renderers'] } } },
    chunkSizeWarningLimit: 700,
  },
  server: {
    // `npx vite web` for development, against an `electrolake serve` on :5000.
    proxy: Object.fromEntries(
      ['health', 'kpis', 'monthly', 'monthly_growth', 'by_country', 'by_product', 'distribution', 'daily', 'weekly', 'segments',
        'scores', 'call_list', 'clients', 'cohort', 'runs', 'quality', 'benchmark', 'models', 'openapi.json'].map((p) => [`/${p}`, 'http://127.0.0.1:5000']),
    ),
  },
});
