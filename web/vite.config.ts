import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The built files go where Maven packages them (see pom.xml): query-app serves them under /.
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'target/dist', emptyOutDir: true, sourcemap: false },
});
