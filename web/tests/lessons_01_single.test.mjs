// Lesson 1 (processes-and-threads) completed through the page, single variant (see lib/lesson_walk.mjs).
import { walkLessons } from "./lib/lesson_walk.mjs";

walkLessons("single", 0, 1);
