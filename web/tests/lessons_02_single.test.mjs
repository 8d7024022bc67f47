// Lesson 2 (taking-turns) completed through the page, single variant (see lib/lesson_walk.mjs).
import { walkLessons } from "./lib/lesson_walk.mjs";

walkLessons("single", 1, 2);
