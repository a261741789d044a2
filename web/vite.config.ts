import adapter from '@sveltejs/adapter-node';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [sveltekit({ adapter: adapter({ out: 'build' }), compilerOptions: { runes: true } })],
  server: { port: 3000, strictPort: true },
  build: { chunkSizeWarningLimit: 6000 },
});
