// Lesson 8 (deadlock) completed through the page, threads variant (see lib/lesson_walk.mjs).
import { walkLessons } from "./lib/lesson_walk.mjs";

walkLessons("threads", 7, 8);
