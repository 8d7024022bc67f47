// Lesson 1 (processes-and-threads) completed through the page, threads variant (see lib/lesson_walk.mjs).
import { walkLessons } from "./lib/lesson_walk.mjs";

walkLessons("threads", 0, 1);
