import { reactRouter } from "@react-router/dev/vite";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [reactRouter()],
  build: { sourcemap: false },
  ssr: {
    // Server-only dependencies stay in node_modules, loaded once by Node.
    external: ["@electric-sql/pglite", "pg", "@node-rs/argon2", "pino", "nodemailer"],
  },
});
