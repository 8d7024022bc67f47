// Lesson 3 (more-cores) completed through the page, single variant (see lib/lesson_walk.mjs).
import { walkLessons } from "./lib/lesson_walk.mjs";

walkLessons("single", 2, 3);
