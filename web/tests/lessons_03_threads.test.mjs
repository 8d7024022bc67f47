// Lesson 3 (more-cores) completed through the page, threads variant (see lib/lesson_walk.mjs).
import { walkLessons } from "./lib/lesson_walk.mjs";

walkLessons("threads", 2, 3);
