/**
 * The Mastra API on a servlet container: {@link dev.mastra4j.spring.boot.web.MastraApiFilter} feeds Mastra's
 * requests into mastra4j's engine-neutral request pipeline through the servlet adapters
 * ({@link dev.mastra4j.spring.boot.web.ServletHttpRequest}, {@link dev.mastra4j.spring.boot.web.ServletHttpResponse}).
 */
package dev.mastra4j.spring.boot.web;
