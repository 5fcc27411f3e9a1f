/**
 * The name under which preload exposes the RendererApi on window. Its own module with no imports:
 * a sandboxed preload can require nothing but 'electron', so it must not pull in zod.
 */
export const API_KEY = 'commonGround';
